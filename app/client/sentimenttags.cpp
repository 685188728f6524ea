#include "sentimenttags.h"

#include "hubconnection.h"

#include <QJsonArray>

namespace tandem {

SentimentTags::SentimentTags(HubConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(&connection, &HubConnection::eventReceived, this, [this](const Event &e) {
        if (e.kind == QLatin1String("sentiment.tagged"))
            apply(SentimentTag::fromJson(e.payload.value(QStringLiteral("tag")).toObject()));
    });
    // History answers carry the tags that stand for their conversation.
    connect(&connection, &HubConnection::commandSucceeded, this,
            [this](const QString &, const QJsonObject &ack) {
                const QJsonValue tags = ack.value(QStringLiteral("sentimentTags"));
                if (!tags.isArray())
                    return;
                for (const QJsonValue &v : tags.toArray())
                    apply(SentimentTag::fromJson(v.toObject()));
            });
}

QString SentimentTags::tag(qint64 conversationId, Mood label, qint64 messageId)
{
    QJsonObject fields{{QStringLiteral("conversationId"), conversationId},
                       {QStringLiteral("label"), moodName(label)}};
    if (messageId)
        fields.insert(QStringLiteral("messageId"), messageId);
    return m_connection.command(QStringLiteral("sentiment.tag"), fields);
}

std::optional<SentimentTag> SentimentTags::forConversation(qint64 conversationId) const
{
    return forMessage(conversationId, 0);
}

std::optional<SentimentTag> SentimentTags::forMessage(qint64 conversationId, qint64 messageId) const
{
    const auto conversation = m_tags.constFind(conversationId);
    if (conversation == m_tags.cend())
        return std::nullopt;
    const auto tag = conversation->constFind(messageId);
    return tag == conversation->cend() ? std::nullopt : std::optional<SentimentTag>(*tag);
}

void SentimentTags::apply(const SentimentTag &tag)
{
    if (tag.id <= 0 || tag.conversationId <= 0)
        return;
    SentimentTag &slot = m_tags[tag.conversationId][tag.messageId];
    if (slot.id >= tag.id)
        return; // already known, or older than what stands
    slot = tag;
    emit changed(tag.conversationId);
}

} // namespace tandem
