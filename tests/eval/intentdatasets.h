#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace tandem::eval {

/// A query and its intent name ("card_arrival"; "oos" for CLINC150's out-of-scope queries).
struct IntentExample
{
    QString text;
    QString intent;
};

/// An intent-detection file as read from ../shared/datasets.
struct IntentSet
{
    QString name; // "<folder>/<file or key>", as printed in reports
    QString path;
    QList<IntentExample> items;
};

// Readers for the intent family (no rows yet: they come with the suggestion pipeline). Each fails
// with code "missing" (message = the path) when the file is absent.

/// banking77/<split>.csv (split "train" or "dev"): `text,category`.
Result<IntentSet> readBanking77(const QString &datasetsDir, const QString &split);
/// One list of clinc150/data_shared.json: key "train", "val", "oos_train", "oos_val",
/// "test_dev" or "oos_test_dev"; each entry is a [text, intent] pair.
Result<IntentSet> readClinc150(const QString &datasetsDir, const QString &key);

} // namespace tandem::eval
