#include "client.h"

#include "clienterrors.h"
#include "protocol.h"

#include <QStandardPaths>

namespace tandem {

namespace {
QJsonObject onConversation(qint64 conversationId)
{
    return {{QStringLiteral("conversationId"), conversationId}};
}
} // namespace

ConversationActions Client::actionsFor(qint64 conversationId) const
{
    const Conversation c = m_queue.conversation(conversationId);
    const User me = m_connection.user();
    const bool canWork = me.id && permissions::canWorkConversations(me.role);
    const bool open = c.id && c.state != ConversationState::Closed;
    const bool mine = open && c.state == ConversationState::Assigned && c.assigneeId == me.id;
    const bool mayHandle = canWork && (mine || (open && permissions::canManageOthers(me.role)));
    ConversationActions a;
    a.claimNext = canWork;
    a.claim = canWork &&
              (c.state == ConversationState::Waiting || c.state == ConversationState::Bot) && c.id;
    a.release = mayHandle && c.state == ConversationState::Assigned;
    a.transfer = mayHandle;
    a.close = mayHandle;
    a.reply = mayHandle && c.state == ConversationState::Assigned;
    a.tagSentiment = mayHandle;
    a.handBack = mayHandle && c.state != ConversationState::Bot;
    return a;
}

bool Client::canEditSharedCanned() const
{
    const User me = m_connection.user();
    return me.id && permissions::canManageOthers(me.role);
}

QMap<QString, QString> Client::knownVariables(qint64 conversationId) const
{
    QMap<QString, QString> values;
    const Conversation c = m_queue.conversation(conversationId);
    if (!c.customerName.trimmed().isEmpty())
        values.insert(QStringLiteral("customer.name"), c.customerName.trimmed());
    const User me = m_connection.user();
    const QString agent = me.displayName.isEmpty() ? me.username : me.displayName;
    if (!agent.isEmpty())
        values.insert(QStringLiteral("agent.name"), agent);
    // The shop's name in the language the customer writes (as the hub chose for suggestions),
    // else by the conversation's locale.
    const QMap<QString, QString> shops = m_connection.shopNames();
    QString language = c.assist.value(QStringLiteral("suggestions"))
                           .toObject()
                           .value(QStringLiteral("language"))
                           .toString();
    if (language.isEmpty()) {
        const QString locale = c.locale.toLower();
        language =
            !locale.startsWith(QLatin1String("zh")) ? QStringLiteral("en")
            : (locale.contains(QLatin1String("tw")) || locale.contains(QLatin1String("hk")) ||
               locale.contains(QLatin1String("hant")))
                ? QStringLiteral("zh-TW")
                : QStringLiteral("zh-CN");
    }
    const QString shop = shops.value(language, shops.value(QStringLiteral("en")));
    if (!shop.isEmpty())
        values.insert(QStringLiteral("shop.name"), shop);
    return values;
}

Client::Client(const ConnectionOptions &options, QObject *parent)
    : QObject(parent)
    , m_outbox(m_connection)
    , m_queue(m_connection)
    , m_transcripts(m_connection)
    , m_tags(m_connection)
    , m_canned(m_connection)
    , m_assist(m_connection, m_queue)
{
    m_connection.setOptions(options);
}

Result<std::unique_ptr<Client>> Client::create(const QString &outboxPath,
                                               const ConnectionOptions &options, QObject *parent)
{
    std::unique_ptr<Client> client(new Client(options, parent));
    if (Status s = client->m_outbox.open(outboxPath); !s.ok())
        return s.error();
    return client;
}

QString Client::defaultOutboxPath(const QString &username, const QUrl &hub)
{
    const QString host =
        hub.port() > 0 ? QStringLiteral("%1_%2").arg(hub.host()).arg(hub.port()) : hub.host();
    QString name = QStringLiteral("outbox-%1@%2.db").arg(username, host);
    // Usernames and hosts are user input: keep the file name portable.
    for (QChar &c : name) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('@') && c != QLatin1Char('.') &&
            c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1Char('/') +
           name;
}

void Client::signIn(const QUrl &hub, const QString &username, const QString &password)
{
    m_connection.signIn(hub, username, password);
}

void Client::resume(const QUrl &hub, const QString &token)
{
    m_connection.resume(hub, token);
}

void Client::signOut()
{
    m_connection.signOut();
}

QString Client::claim(qint64 conversationId)
{
    return m_connection.command(QStringLiteral("claim"), onConversation(conversationId));
}

QString Client::release(qint64 conversationId)
{
    m_assist.leaving(conversationId);
    return m_connection.command(QStringLiteral("release"), onConversation(conversationId));
}

QString Client::transfer(qint64 conversationId, const QString &toUsername, const QString &note)
{
    m_assist.leaving(conversationId);
    QJsonObject fields = onConversation(conversationId);
    fields.insert(QStringLiteral("to"), toUsername);
    if (!note.trimmed().isEmpty())
        fields.insert(QStringLiteral("note"), note);
    return m_connection.command(QStringLiteral("transfer"), fields);
}

QString Client::close(qint64 conversationId)
{
    m_assist.leaving(conversationId);
    return m_connection.command(QStringLiteral("close"), onConversation(conversationId));
}

QString Client::claimNext()
{
    const qint64 next = nextWaiting();
    return next ? claim(next) : QString();
}

Result<QString> Client::sendReply(qint64 conversationId, const QString &text)
{
    const QJsonObject assist = m_assist.replyAssist(conversationId);
    auto queued = m_outbox.queueReply(conversationId, text, assist);
    if (queued.ok())
        m_assist.replyQueued(queued.value(), conversationId, assist);
    return queued;
}

Result<QString> Client::sendSuggestion(qint64 conversationId, int rank)
{
    const auto suggestion = m_assist.info(conversationId).suggestions.byRank(rank);
    if (!suggestion)
        return client::makeError(protocol::errc::InvalidField,
                                 tr("There is no suggestion %1 to send.").arg(rank));
    m_assist.markShown(conversationId);
    const QJsonObject assist = m_assist.replyAssist(conversationId, rank);
    auto queued = m_outbox.queueReply(conversationId, suggestion->answer, assist);
    if (queued.ok())
        m_assist.replyQueued(queued.value(), conversationId, assist);
    return queued;
}

QString Client::handBack(qint64 conversationId)
{
    return m_assist.handBack(conversationId);
}

} // namespace tandem
