#pragma once

#include <QStringView>
#include <QtGlobal>

namespace tandem::detail {

/// FNV-1a over UTF-16 code units: the same value on every run and machine (qHash is seeded), for
/// assigning texts to training folds.
inline quint32 stableHash(QStringView text)
{
    quint32 h = 2166136261u;
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

} // namespace tandem::detail
