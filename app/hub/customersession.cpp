#include "customersession.h"

#include "auth.h"
#include "commands.h"
#include "hub.h"

#include <QJsonArray>

namespace tandem {

namespace {
namespace errc = protocol::errc;
Error err(const char *code, QString message)
{
    return Error{QString::fromLatin1(code), std::move(message)};
}
constexpr int kMinCustomerKeyLength = 16;
constexpr int kMaxNameLength = 80;
constexpr int kMaxResumeMessages = 1000;
} // namespace

CustomerSession::CustomerSession(Hub &hub, QWebSocket *socket, ConnectionLimits limits)
    : ClientConnection(hub, socket, protocol::Channel::Customer, limits)
{}

CustomerSession::~CustomerSession()
{
    m_hub.customerClosed(this);
}

void CustomerSession::handle(const protocol::Frame &frame)
{
    if (frame.type == QLatin1String("hello"))
        return hello(frame);
    if (!m_ready) {
        noteAbuse();
        return sendError(frame.id, err(errc::Unauthenticated, QStringLiteral("send hello first")));
    }
    if (frame.type == QLatin1String("ping"))
        return send(protocol::ack(frame.id));
    if (frame.type == QLatin1String("message"))
        return message(frame);
}

void CustomerSession::hello(const protocol::Frame &frame)
{
    if (m_ready)
        return sendError(frame.id, err(errc::Conflict, QStringLiteral("hello was already sent")));
    const QString key = frame.body.value(QStringLiteral("customerKey")).toString();
    if (key.size() < kMinCustomerKeyLength || key.size() > 256)
        return sendError(frame.id,
                         err(errc::InvalidField,
                             QStringLiteral("customerKey must be 16 to 256 random characters")));
    m_actor.kind = Actor::Kind::Customer;
    m_actor.customerKeyHash = auth::secretHash(key);
    m_actor.customerName =
        frame.body.value(QStringLiteral("name")).toString().simplified().left(kMaxNameLength);
    m_actor.locale = frame.body.value(QStringLiteral("locale")).toString().left(16);
    m_actor.channel = QStringLiteral("web");

    // The newest conversation, even when closed: a reload still shows how it ended.
    auto open = m_hub.store().latestConversationForCustomer(m_actor.customerKeyHash);
    if (!open.ok())
        return sendError(frame.id, err(errc::Internal, open.error().message));
    QJsonObject ack;
    QJsonArray messages;
    if (open->has_value()) {
        const Conversation &c = **open;
        const qint64 after = frame.body.value(QStringLiteral("afterMessageId")).toInteger();
        auto list = m_hub.store().messages(c.id, after, 0, kMaxResumeMessages, false);
        if (!list.ok())
            return sendError(frame.id, err(errc::Internal, list.error().message));
        for (const Message &m : list.value())
            messages.append(commands::customerView(m.toJson()));
        ack.insert(QStringLiteral("conversation"), commands::customerView(c));
        follow(c.id);
    } else {
        ack.insert(QStringLiteral("conversation"), QJsonValue::Null);
    }
    ack.insert(QStringLiteral("messages"), messages);
    m_ready = true;
    authenticated();
    m_hub.addCustomerKey(this, m_actor.customerKeyHash);
    send(protocol::ack(frame.id, ack));
}

void CustomerSession::message(const protocol::Frame &frame)
{
    const QString id = frame.id;
    m_hub.engine().submit(m_actor, QStringLiteral("customer.message"), id, frame.body, this,
                          [this, id](const Result<QJsonObject> &r) {
                              if (!r.ok())
                                  return sendError(id, r.error());
                              const qint64 conversation = r->value(QStringLiteral("conversation"))
                                                              .toObject()
                                                              .value(QStringLiteral("id"))
                                                              .toInteger();
                              const bool started = conversation && conversation != m_conversationId;
                              if (started)
                                  m_hub.customerConversationChanged(m_actor.customerKeyHash,
                                                                    conversation);
                              QJsonObject result = r.value();
                              result.remove(QStringLiteral("duplicate"));
                              send(protocol::ack(id, result));
                              // The bot may have answered in the same commit, before this tab
                              // followed the new conversation: send what came after the message.
                              if (started)
                                  catchUp(conversation, result.value(QStringLiteral("message"))
                                                            .toObject()
                                                            .value(QStringLiteral("id"))
                                                            .toInteger());
                          });
}

void CustomerSession::catchUp(qint64 conversationId, qint64 afterMessageId)
{
    if (afterMessageId <= 0)
        return;
    auto list =
        m_hub.store().messages(conversationId, afterMessageId, 0, kMaxResumeMessages, false);
    if (!list.ok())
        return;
    for (const Message &m : list.value())
        send(protocol::encode({{QStringLiteral("type"), QStringLiteral("message")},
                               {QStringLiteral("message"), commands::customerView(m.toJson())}}));
}

void CustomerSession::follow(qint64 conversationId)
{
    if (conversationId == m_conversationId)
        return;
    m_hub.watchConversation(this, m_conversationId, conversationId);
    m_conversationId = conversationId;
}

void CustomerSession::deliver(const Event &event)
{
    const QJsonObject conversation = event.payload.value(QStringLiteral("conversation")).toObject();
    if (event.kind == QLatin1String("message.created")) {
        const QJsonObject message = event.payload.value(QStringLiteral("message")).toObject();
        if (message.value(QStringLiteral("sender")).toString() == senderKindName(SenderKind::Note))
            return;
        send(protocol::encode({{QStringLiteral("type"), QStringLiteral("message")},
                               {QStringLiteral("message"), commands::customerView(message)}}));
        return;
    }
    if (event.kind == QLatin1String("conversation.updated")) {
        const Conversation c = Conversation::fromJson(conversation);
        send(protocol::encode({{QStringLiteral("type"), QStringLiteral("state")},
                               {QStringLiteral("conversation"), commands::customerView(c)}}));
    }
}

} // namespace tandem
