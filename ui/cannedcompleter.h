#pragma once

#include "assist.h"

#include <QObject>

class QCompleter;
class QStandardItemModel;

namespace tandem {

class CannedResponses;
class Composer;

/// Typing `/` at the start of a word in the composer opens a popup of canned responses,
/// filtered by what follows the slash (shortcut or title, any script); Enter or Tab picks one,
/// Esc closes it. The `/word` typed is removed and chosen() hands the response on, so the
/// caller fills its variables before inserting it.
class CannedCompleter : public QObject
{
    Q_OBJECT
public:
    CannedCompleter(Composer *composer, CannedResponses &responses, QObject *parent = nullptr);

    /// Matches in this language are offered first (the conversation's locale).
    void setLanguage(const QString &language) { m_language = language; }
    bool isPopupVisible() const;
    QCompleter *completer() const { return m_completer; }

signals:
    void chosen(const tandem::CannedResponse &response);

private:
    void update();
    void pick(qint64 id);

    Composer *m_composer;
    CannedResponses &m_responses;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
    QString m_language;
    int m_slashAt = -1; // where the `/word` being completed starts
};

} // namespace tandem
