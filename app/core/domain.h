#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace tandem {

/// Who a user is to the hub; every command is checked against it in the hub.
enum class Role
{
    Agent,
    Supervisor,
    Trainer,
    Admin
};

/// Lifecycle of a conversation: bot → waiting → assigned → closed (a human may hand back to bot).
enum class ConversationState
{
    Bot,
    Waiting,
    Assigned,
    Closed
};

/// Who wrote a transcript entry. Notes are internal (agents only), never shown to the customer.
enum class SenderKind
{
    Customer,
    Agent,
    Bot,
    System,
    Note
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
QString stateName(ConversationState state);
std::optional<ConversationState> stateFromName(const QString &name);
QString senderKindName(SenderKind kind);
std::optional<SenderKind> senderKindFromName(const QString &name);

/// What a role may do; the hub asks this for every command.
namespace permissions {
bool canWorkConversations(Role role); // claim, reply, release, close own
bool canManageOthers(Role role);      // transfer / close conversations owned by someone else
bool canViewQueue(Role role);         // see the queue and transcripts
bool canEditKnowledge(Role role);     // change knowledge-base articles
} // namespace permissions

/// A signed-in person (agent, supervisor, trainer or admin).
struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Agent;
    bool disabled = false;

    QJsonObject toJson() const;
};

/// One entry of a conversation's transcript.
struct Message
{
    qint64 id = 0;
    qint64 conversationId = 0;
    SenderKind senderKind = SenderKind::Customer;
    qint64 senderUserId = 0; // for agents
    QString senderName;
    QString text;
    qint64 createdAtMs = 0;
    std::optional<double> sentiment; // customer messages: score in [-1, 1]

    QJsonObject toJson() const;
    static Message fromJson(const QJsonObject &o);
};

/// A conversation's current state as shown in queues (not its transcript).
struct Conversation
{
    qint64 id = 0;
    QString customerName;
    QString channel; // "web", "api", …
    QString locale;
    ConversationState state = ConversationState::Waiting;
    qint64 assigneeId = 0;
    QString assigneeName;
    int priority = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 waitingSinceMs = 0; // when it last entered the queue; 0 if not waiting
    qint64 lastMessageAtMs = 0;
    QString lastMessagePreview;
    int messageCount = 0;
    std::optional<double> sentiment; // the customer's latest score, [-1, 1]
    QString sentimentTrend;          // "falling", "steady" or "rising"; empty before any
    bool escalation = false;         // a strong cue: threat to cancel, regulator, abuse
    /// What the bot prepared and decided (suggestions, handoff card, routing); agents only.
    QJsonObject assist;

    QJsonObject toJson() const;
    static Conversation fromJson(const QJsonObject &o);
};

/// A state change made by the hub, numbered by a per-hub monotonically increasing seq.
struct Event
{
    qint64 seq = 0;
    QString kind; // "conversation.created", "conversation.updated", "message.created"
    qint64 conversationId = 0;
    QJsonObject payload;
    qint64 createdAtMs = 0;

    QJsonObject toJson() const;
};

/// How a sentiment score in [-1, 1] reads. One cut for everything: the bot labels by it, the hub
/// raises priority by it and the desktop colours by it, so a red mark and a raised priority agree.
enum class Mood
{
    Negative,
    Neutral,
    Positive
};
inline constexpr double kMoodThreshold = 0.15;
Mood moodOf(double score);

/// Shortens a message to one line for queue previews.
QString previewOf(const QString &text, int maxChars = 120);

} // namespace tandem
