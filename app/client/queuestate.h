#pragma once

#include "domain.h"
#include "queueorder.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace tandem {

class HubConnection;

/// Every open conversation the hub knows, kept current from the snapshot and the event stream.
/// Item models listen to its signals; it holds the queue's rules (what is open, who is next).
class QueueState : public QObject
{
    Q_OBJECT
public:
    explicit QueueState(HubConnection &connection, QObject *parent = nullptr);

    bool contains(qint64 id) const { return m_conversations.contains(id); }
    /// The conversation as last reported by the hub; a default Conversation (id 0) if not open.
    Conversation conversation(qint64 id) const { return m_conversations.value(id); }
    /// Open conversation ids in the order they were created (the hub numbers them in order).
    const QList<qint64> &ids() const { return m_ids; }
    int count() const { return int(m_ids.size()); }
    /// The waiting conversation at the top of the queue order (waiting time against the target
    /// plus priority, see QueueOrder), or 0 when nobody is waiting.
    qint64 nextWaiting() const;
    const QueueOrder &order() const { return m_order; }
    /// Changes the target wait or weights; views re-sort (reset()).
    void setOrder(const QueueOrder &order);
    /// Open conversations assigned to `userId`.
    QList<qint64> assignedTo(qint64 userId) const;

signals:
    void conversationAdded(qint64 id);
    void conversationChanged(qint64 id);
    /// Closed (or gone from a snapshot): no longer in the queue.
    void conversationRemoved(qint64 id);
    /// Everything was replaced from a snapshot.
    void reset();

private:
    void applySnapshot(const QList<tandem::Conversation> &conversations);
    void applyEvent(const tandem::Event &event);

    QHash<qint64, Conversation> m_conversations;
    QList<qint64> m_ids; // sorted
    QueueOrder m_order;
};

} // namespace tandem
