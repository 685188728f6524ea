#pragma once

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

namespace tandem {

class HubConnection;

/// The transcripts a desktop shows: fetched with `history` on demand (older pages too), kept
/// current from live message events without duplicates, re-fetched after a snapshot (which
/// means events were skipped).
class TranscriptState : public QObject
{
    Q_OBJECT
public:
    explicit TranscriptState(HubConnection &connection, QObject *parent = nullptr);

    /// Messages per history request (the hub allows at most 1000).
    void setPageSize(int messages);
    /// Fetches the newest page; nothing happens if it is loaded or loading.
    void load(qint64 conversationId);
    /// Fetches the page before the oldest loaded message.
    void loadOlder(qint64 conversationId);
    /// Forgets a transcript: live messages are no longer kept for it.
    void unload(qint64 conversationId);

    bool isLoaded(qint64 conversationId) const;
    bool isLoading(qint64 conversationId) const;
    /// False once the oldest message is loaded.
    bool hasOlder(qint64 conversationId) const;
    /// Oldest first, each message once.
    QList<Message> messages(qint64 conversationId) const;

signals:
    void messagesAppended(qint64 conversationId, int first, int last);
    /// `count` older messages were inserted at the top (rows 0 … count-1).
    void messagesPrepended(qint64 conversationId, int count);
    /// The whole transcript changed (first load, re-fetch after a snapshot).
    void transcriptReset(qint64 conversationId);
    void loadFinished(qint64 conversationId);
    void loadFailed(qint64 conversationId, const tandem::Error &error);

private:
    struct Transcript
    {
        QList<Message> messages; // ascending ids
        QSet<qint64> ids;
        QList<Message> arrived; // live messages received while the first page is on its way
        bool loaded = false;
        bool complete = false;
        QString request;    // the history request in flight, if any
        bool older = false; // …and whether it is for an older page
    };

    void request(qint64 conversationId, qint64 beforeId, int limit, bool older);
    void onSnapshot();
    void onEvent(const tandem::Event &event);
    void onReply(const QString &id, const QJsonObject &ack);
    void onFailed(const QString &id, const tandem::Error &error);

    HubConnection &m_connection;
    QHash<qint64, Transcript> m_transcripts;
    QHash<QString, qint64> m_requests; // history command id → conversation
    int m_pageSize = 200;
};

} // namespace tandem
