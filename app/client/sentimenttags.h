#pragma once

#include "assist.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace tandem {

class HubConnection;

/// The standing sentiment tags of the conversations a desktop has open: taken from history
/// answers and kept current from `sentiment.tagged` events (this desktop's own tags included).
class SentimentTags : public QObject
{
    Q_OBJECT
public:
    explicit SentimentTags(HubConnection &connection, QObject *parent = nullptr);

    /// Tags the conversation, or one customer message in it when messageId is set; returns the
    /// command id.
    QString tag(qint64 conversationId, Mood label, qint64 messageId = 0);
    std::optional<SentimentTag> forConversation(qint64 conversationId) const;
    std::optional<SentimentTag> forMessage(qint64 conversationId, qint64 messageId) const;

signals:
    void changed(qint64 conversationId);

private:
    void apply(const SentimentTag &tag);

    HubConnection &m_connection;
    QHash<qint64, QHash<qint64, SentimentTag>> m_tags; // conversation → message (0: whole) → tag
};

} // namespace tandem
