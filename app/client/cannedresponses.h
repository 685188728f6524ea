#pragma once

#include "assist.h"

#include <QList>
#include <QObject>

namespace tandem {

class HubConnection;

/// The signed-in user's canned responses (their own and the team's shared ones). Once enabled
/// (a desktop that offers them), fetched after every sign-in and again whenever the hub
/// announces a change; a client that never shows them sends nothing.
class CannedResponses : public QObject
{
    Q_OBJECT
public:
    explicit CannedResponses(HubConnection &connection, QObject *parent = nullptr);

    const QList<CannedResponse> &all() const { return m_all; }
    CannedResponse byId(qint64 id) const;
    /// Those whose shortcut or title contains every word of `query` (case, width and
    /// Traditional/Simplified folded): shortcut prefixes first, then the user's language, then
    /// shortcut order.
    QList<CannedResponse> matching(const QString &query, const QString &language = {},
                                   int limit = 20) const;

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void refresh();
    /// Creates (id 0) or edits; `shared` matters only on create. Returns the command id.
    QString save(const CannedResponse &response, bool shared);
    QString remove(qint64 id);

signals:
    void changed();

private:
    HubConnection &m_connection;
    QList<CannedResponse> m_all;
    QList<QString> m_folded; // folded "shortcut title" of m_all, same order
    QString m_request;
    bool m_enabled = false;
};

/// The form canned-response matching brings both sides to (exposed for tests).
QString foldForMatching(const QString &text);

} // namespace tandem
