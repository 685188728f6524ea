#pragma once

#include "actor.h"
#include "clientconnection.h"

namespace tandem {

/// A customer on /ws/customer (the chat page or another channel speaking the same protocol).
/// Identified by the random customer key its browser keeps, so a reload continues the conversation.
class CustomerSession : public ClientConnection
{
    Q_OBJECT
public:
    CustomerSession(Hub &hub, QWebSocket *socket, ConnectionLimits limits);
    ~CustomerSession() override;

    qint64 conversationId() const { return m_conversationId; }
    const QByteArray &customerKeyHash() const { return m_actor.customerKeyHash; }
    /// Sends the conversation's messages after `afterMessageId` (ones committed before this
    /// session followed the conversation).
    void catchUp(qint64 conversationId, qint64 afterMessageId);
    void follow(qint64 conversationId);
    void deliver(const Event &event);

protected:
    void handle(const protocol::Frame &frame) override;

private:
    void hello(const protocol::Frame &frame);
    void message(const protocol::Frame &frame);

    Actor m_actor;
    bool m_ready = false;
    qint64 m_conversationId = 0;
};

} // namespace tandem
