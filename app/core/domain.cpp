#include "domain.h"

#include <QDateTime>

#include <array>
#include <utility>

namespace tandem {

namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, const char *>, N> &table,
                             const QString &name)
{
    for (const auto &[e, n] : table) {
        if (name == QLatin1String(n))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Role, const char *>, 4> kRoles{{
    {Role::Agent, "agent"},
    {Role::Supervisor, "supervisor"},
    {Role::Trainer, "trainer"},
    {Role::Admin, "admin"},
}};

constexpr std::array<std::pair<ConversationState, const char *>, 4> kStates{{
    {ConversationState::Bot, "bot"},
    {ConversationState::Waiting, "waiting"},
    {ConversationState::Assigned, "assigned"},
    {ConversationState::Closed, "closed"},
}};

constexpr std::array<std::pair<SenderKind, const char *>, 5> kSenders{{
    {SenderKind::Customer, "customer"},
    {SenderKind::Agent, "agent"},
    {SenderKind::Bot, "bot"},
    {SenderKind::System, "system"},
    {SenderKind::Note, "note"},
}};

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QString roleName(Role role)
{
    return nameOf(kRoles, role);
}
std::optional<Role> roleFromName(const QString &name)
{
    return fromName(kRoles, name);
}
QString stateName(ConversationState state)
{
    return nameOf(kStates, state);
}
std::optional<ConversationState> stateFromName(const QString &name)
{
    return fromName(kStates, name);
}
QString senderKindName(SenderKind kind)
{
    return nameOf(kSenders, kind);
}
std::optional<SenderKind> senderKindFromName(const QString &name)
{
    return fromName(kSenders, name);
}

namespace permissions {
bool canWorkConversations(Role role)
{
    return role != Role::Trainer;
}
bool canManageOthers(Role role)
{
    return role == Role::Supervisor || role == Role::Admin;
}
bool canViewQueue(Role)
{
    return true;
}
bool canEditKnowledge(Role role)
{
    return role != Role::Agent;
}
} // namespace permissions

QJsonObject User::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("username"), username},
            {QStringLiteral("displayName"), displayName},
            {QStringLiteral("role"), roleName(role)},
            {QStringLiteral("disabled"), disabled}};
}

QJsonObject Message::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("conversationId"), conversationId},
                  {QStringLiteral("sender"), senderKindName(senderKind)},
                  {QStringLiteral("senderName"), senderName},
                  {QStringLiteral("text"), text},
                  {QStringLiteral("time"), isoTime(createdAtMs)},
                  {QStringLiteral("timeMs"), createdAtMs}};
    if (senderUserId)
        o.insert(QStringLiteral("senderUserId"), senderUserId);
    if (sentiment)
        o.insert(QStringLiteral("sentiment"), *sentiment);
    return o;
}

QJsonObject Conversation::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("customerName"), customerName},
                  {QStringLiteral("channel"), channel},
                  {QStringLiteral("locale"), locale},
                  {QStringLiteral("state"), stateName(state)},
                  {QStringLiteral("priority"), priority},
                  {QStringLiteral("createdAtMs"), createdAtMs},
                  {QStringLiteral("updatedAtMs"), updatedAtMs},
                  {QStringLiteral("lastMessageAtMs"), lastMessageAtMs},
                  {QStringLiteral("lastMessagePreview"), lastMessagePreview},
                  {QStringLiteral("messageCount"), messageCount}};
    if (waitingSinceMs)
        o.insert(QStringLiteral("waitingSinceMs"), waitingSinceMs);
    if (assigneeId) {
        o.insert(QStringLiteral("assigneeId"), assigneeId);
        o.insert(QStringLiteral("assigneeName"), assigneeName);
    }
    if (sentiment) {
        o.insert(QStringLiteral("sentiment"), *sentiment);
        o.insert(QStringLiteral("sentimentTrend"), sentimentTrend);
    }
    if (escalation)
        o.insert(QStringLiteral("escalation"), true);
    if (!assist.isEmpty())
        o.insert(QStringLiteral("assist"), assist);
    return o;
}

Message Message::fromJson(const QJsonObject &o)
{
    Message m;
    m.id = o.value(QStringLiteral("id")).toInteger();
    m.conversationId = o.value(QStringLiteral("conversationId")).toInteger();
    m.senderKind = senderKindFromName(o.value(QStringLiteral("sender")).toString())
                       .value_or(SenderKind::System);
    m.senderUserId = o.value(QStringLiteral("senderUserId")).toInteger();
    m.senderName = o.value(QStringLiteral("senderName")).toString();
    m.text = o.value(QStringLiteral("text")).toString();
    m.createdAtMs = o.value(QStringLiteral("timeMs")).toInteger();
    if (o.value(QStringLiteral("sentiment")).isDouble())
        m.sentiment = o.value(QStringLiteral("sentiment")).toDouble();
    return m;
}

Conversation Conversation::fromJson(const QJsonObject &o)
{
    Conversation c;
    c.id = o.value(QStringLiteral("id")).toInteger();
    c.customerName = o.value(QStringLiteral("customerName")).toString();
    c.channel = o.value(QStringLiteral("channel")).toString();
    c.locale = o.value(QStringLiteral("locale")).toString();
    c.state = stateFromName(o.value(QStringLiteral("state")).toString())
                  .value_or(ConversationState::Waiting);
    c.assigneeId = o.value(QStringLiteral("assigneeId")).toInteger();
    c.assigneeName = o.value(QStringLiteral("assigneeName")).toString();
    c.priority = o.value(QStringLiteral("priority")).toInt();
    c.createdAtMs = o.value(QStringLiteral("createdAtMs")).toInteger();
    c.updatedAtMs = o.value(QStringLiteral("updatedAtMs")).toInteger();
    c.waitingSinceMs = o.value(QStringLiteral("waitingSinceMs")).toInteger();
    c.lastMessageAtMs = o.value(QStringLiteral("lastMessageAtMs")).toInteger();
    c.lastMessagePreview = o.value(QStringLiteral("lastMessagePreview")).toString();
    c.messageCount = o.value(QStringLiteral("messageCount")).toInt();
    if (o.value(QStringLiteral("sentiment")).isDouble())
        c.sentiment = o.value(QStringLiteral("sentiment")).toDouble();
    c.sentimentTrend = o.value(QStringLiteral("sentimentTrend")).toString();
    c.escalation = o.value(QStringLiteral("escalation")).toBool();
    c.assist = o.value(QStringLiteral("assist")).toObject();
    return c;
}

QJsonObject Event::toJson() const
{
    return {{QStringLiteral("seq"), seq},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("data"), payload},
            {QStringLiteral("timeMs"), createdAtMs}};
}

Mood moodOf(double score)
{
    if (score <= -kMoodThreshold)
        return Mood::Negative;
    return score >= kMoodThreshold ? Mood::Positive : Mood::Neutral;
}

QString previewOf(const QString &text, int maxChars)
{
    QString line = text.simplified();
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + QChar(0x2026);
    return line;
}

} // namespace tandem
