#include "transcriptstate.h"

#include "hubconnection.h"
#include "logging.h"

#include <QJsonArray>

#include <algorithm>

namespace tandem {

namespace {

// The hub answers `history` without beforeId with the OLDEST page; asking for everything
// before the largest id the protocol accepts gets the newest page instead.
constexpr qint64 kNewest = (qint64(1) << 53) - 1;
constexpr int kMaxPage = 1000;

bool byId(const Message &a, const Message &b)
{
    return a.id < b.id;
}

} // namespace

TranscriptState::TranscriptState(HubConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(&connection, &HubConnection::snapshotReceived, this, &TranscriptState::onSnapshot);
    connect(&connection, &HubConnection::eventReceived, this, &TranscriptState::onEvent);
    connect(&connection, &HubConnection::commandSucceeded, this, &TranscriptState::onReply);
    connect(&connection, &HubConnection::commandFailed, this, &TranscriptState::onFailed);
}

void TranscriptState::setPageSize(int messages)
{
    m_pageSize = std::clamp(messages, 1, kMaxPage);
}

void TranscriptState::load(qint64 conversationId)
{
    Transcript &t = m_transcripts[conversationId];
    if (t.loaded || !t.request.isEmpty())
        return;
    request(conversationId, kNewest, m_pageSize, false);
}

void TranscriptState::loadOlder(qint64 conversationId)
{
    auto it = m_transcripts.find(conversationId);
    if (it == m_transcripts.end() || !it->loaded || it->complete || !it->request.isEmpty() ||
        it->messages.isEmpty())
        return;
    request(conversationId, it->messages.first().id, m_pageSize, true);
}

void TranscriptState::unload(qint64 conversationId)
{
    m_transcripts.remove(conversationId);
}

bool TranscriptState::isLoaded(qint64 conversationId) const
{
    auto it = m_transcripts.constFind(conversationId);
    return it != m_transcripts.cend() && it->loaded;
}

bool TranscriptState::isLoading(qint64 conversationId) const
{
    auto it = m_transcripts.constFind(conversationId);
    return it != m_transcripts.cend() && !it->request.isEmpty();
}

bool TranscriptState::hasOlder(qint64 conversationId) const
{
    auto it = m_transcripts.constFind(conversationId);
    return it != m_transcripts.cend() && it->loaded && !it->complete;
}

QList<Message> TranscriptState::messages(qint64 conversationId) const
{
    auto it = m_transcripts.constFind(conversationId);
    return it == m_transcripts.cend() ? QList<Message>() : it->messages;
}

void TranscriptState::request(qint64 conversationId, qint64 beforeId, int limit, bool older)
{
    Transcript &t = m_transcripts[conversationId];
    t.request = m_connection.command(QStringLiteral("history"),
                                     {{QStringLiteral("conversationId"), conversationId},
                                      {QStringLiteral("beforeId"), beforeId},
                                      {QStringLiteral("limit"), limit}});
    t.older = older;
    m_requests.insert(t.request, conversationId);
}

void TranscriptState::onSnapshot()
{
    // Events were skipped, messages among them: fetch again what is shown. A request already in
    // flight is superseded (its answer is ignored).
    for (auto it = m_transcripts.begin(); it != m_transcripts.end(); ++it) {
        const int limit = std::clamp(int(it->messages.size()), m_pageSize, kMaxPage);
        qCDebug(lcClientState) << "re-fetching transcript" << it.key();
        request(it.key(), kNewest, limit, false);
    }
}

void TranscriptState::onEvent(const Event &event)
{
    if (event.kind != QLatin1String("message.created"))
        return;
    auto it = m_transcripts.find(event.conversationId);
    if (it == m_transcripts.end())
        return;
    const Message m = Message::fromJson(event.payload.value(QStringLiteral("message")).toObject());
    if (m.id <= 0 || it->ids.contains(m.id))
        return;
    if (!it->loaded) {
        it->arrived.append(m); // merged with the page when it comes
        return;
    }
    it->ids.insert(m.id);
    if (it->messages.isEmpty() || it->messages.last().id < m.id) {
        it->messages.append(m);
        const int row = int(it->messages.size()) - 1;
        emit messagesAppended(event.conversationId, row, row);
        return;
    }
    it->messages.insert(std::lower_bound(it->messages.begin(), it->messages.end(), m, byId), m);
    emit transcriptReset(event.conversationId);
}

void TranscriptState::onReply(const QString &id, const QJsonObject &ack)
{
    const qint64 conversationId = m_requests.take(id);
    auto it = m_transcripts.find(conversationId);
    if (!conversationId || it == m_transcripts.end() || it->request != id)
        return;
    Transcript &t = *it;
    t.request.clear();
    QList<Message> page;
    const QJsonArray list = ack.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &v : list) {
        const Message m = Message::fromJson(v.toObject());
        if (m.id > 0 && !t.ids.contains(m.id))
            page.append(m);
    }
    std::sort(page.begin(), page.end(), byId);
    const bool complete = ack.value(QStringLiteral("complete")).toBool();

    if (t.older) {
        // Only what is older than the oldest shown can be prepended without reordering rows.
        const qint64 oldest = t.messages.isEmpty() ? kNewest : t.messages.first().id;
        page.erase(std::remove_if(page.begin(), page.end(),
                                  [oldest](const Message &m) { return m.id >= oldest; }),
                   page.end());
        for (const Message &m : std::as_const(page))
            t.ids.insert(m.id);
        t.messages = page + t.messages;
        t.complete = complete;
        if (!page.isEmpty())
            emit messagesPrepended(conversationId, int(page.size()));
        emit loadFinished(conversationId);
        return;
    }

    // First page or a re-fetch: the union of what was shown, the page, and what arrived live.
    const bool wasComplete = t.loaded && t.complete;
    QList<Message> merged = t.messages;
    for (const QList<Message> *extra : {&page, &t.arrived}) {
        for (const Message &m : *extra) {
            if (!t.ids.contains(m.id)) {
                t.ids.insert(m.id);
                merged.append(m);
            }
        }
    }
    std::sort(merged.begin(), merged.end(), byId);
    t.messages = merged;
    t.arrived.clear();
    t.complete = complete || wasComplete;
    t.loaded = true;
    emit transcriptReset(conversationId);
    emit loadFinished(conversationId);
}

void TranscriptState::onFailed(const QString &id, const Error &error)
{
    const qint64 conversationId = m_requests.take(id);
    auto it = m_transcripts.find(conversationId);
    if (!conversationId || it == m_transcripts.end() || it->request != id)
        return;
    it->request.clear(); // load() may try again
    qCWarning(lcClientState) << "history of" << conversationId << "failed:" << error.code
                             << error.message;
    emit loadFailed(conversationId, error);
}

} // namespace tandem
