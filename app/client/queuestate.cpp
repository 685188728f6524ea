#include "queuestate.h"

#include "hubconnection.h"
#include "logging.h"

#include <algorithm>

namespace tandem {

QueueState::QueueState(HubConnection &connection, QObject *parent)
    : QObject(parent)
{
    connect(&connection, &HubConnection::snapshotReceived, this,
            [this](qint64, const QList<Conversation> &list) { applySnapshot(list); });
    connect(&connection, &HubConnection::eventReceived, this, &QueueState::applyEvent);
}

qint64 QueueState::nextWaiting() const
{
    qint64 best = 0;
    qint64 bestKey = 0;
    for (qint64 id : m_ids) {
        const Conversation &c = *m_conversations.constFind(id);
        if (c.state != ConversationState::Waiting)
            continue;
        // waitingSinceMs is when it (re-)entered the queue; a released conversation waits anew.
        const qint64 key = m_order.key(QueueOrder::waitingSince(c), c.priority);
        if (best == 0 || key < bestKey) { // ids ascend, so ties go to the older conversation
            best = id;
            bestKey = key;
        }
    }
    return best;
}

void QueueState::setOrder(const QueueOrder &order)
{
    if (order.targetWaitMs == m_order.targetWaitMs &&
        order.priorityWeight == m_order.priorityWeight)
        return;
    m_order = order;
    emit reset();
}

QList<qint64> QueueState::assignedTo(qint64 userId) const
{
    QList<qint64> result;
    for (qint64 id : m_ids) {
        const Conversation &c = *m_conversations.constFind(id);
        if (c.state == ConversationState::Assigned && c.assigneeId == userId)
            result.append(id);
    }
    return result;
}

void QueueState::applySnapshot(const QList<Conversation> &conversations)
{
    m_conversations.clear();
    m_ids.clear();
    for (const Conversation &c : conversations) {
        if (c.state == ConversationState::Closed || c.id <= 0)
            continue;
        m_conversations.insert(c.id, c);
        m_ids.append(c.id);
    }
    std::sort(m_ids.begin(), m_ids.end());
    qCDebug(lcClientState) << "queue reset with" << m_ids.size() << "open conversations";
    emit reset();
}

void QueueState::applyEvent(const Event &event)
{
    const QJsonObject json = event.payload.value(QStringLiteral("conversation")).toObject();
    if (json.isEmpty())
        return; // not about a conversation's state
    const Conversation c = Conversation::fromJson(json);
    if (c.id <= 0)
        return;
    const bool known = m_conversations.contains(c.id);
    if (c.state == ConversationState::Closed) {
        if (!known)
            return;
        m_conversations.remove(c.id);
        m_ids.removeOne(c.id);
        emit conversationRemoved(c.id);
        return;
    }
    m_conversations.insert(c.id, c);
    if (known) {
        emit conversationChanged(c.id);
        return;
    }
    m_ids.insert(std::lower_bound(m_ids.begin(), m_ids.end(), c.id), c.id);
    emit conversationAdded(c.id);
}

} // namespace tandem
