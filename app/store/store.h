#pragma once

#include "assist.h"
#include "domain.h"
#include "knowledge.h"
#include "result.h"
#include "suggestionoutcome.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

namespace tandem {

class Dialect;

/// How a password is kept: PBKDF2-SHA256 output, its per-user salt and iteration count.
struct PasswordHash
{
    QByteArray hash; // raw bytes
    QByteArray salt; // raw bytes
    int iterations = 0;
};

struct UserRecord
{
    User user;
    PasswordHash password;
};

struct ApiKey
{
    qint64 id = 0;
    QString name;
    QString prefix; // first characters of the key, shown in listings to tell keys apart
    qint64 createdAtMs = 0;
    qint64 revokedAtMs = 0; // 0 while active
};

struct NewConversation
{
    QByteArray customerKeyHash; // SHA-256 of the browser's customer key; empty for API channels
    QString customerName;
    QString channel;
    QString locale;
    ConversationState state = ConversationState::Waiting;
    qint64 nowMs = 0;
};

/// A trained bot model as kept in the database, without its bytes.
struct BotModelInfo
{
    qint64 id = 0;
    QString kind;    // "sentiment"
    QString version; // the model's own 12-hex version
    qint64 createdAtMs = 0;
    int exampleCount = 0;
    QString note;
    bool active = true;  // false once reset
    qint64 byteSize = 0; // 0 once pruned: only the newest three of a kind keep their bytes
};

/// Parsed `--database` value: `sqlite:PATH` or `postgresql://user:pass@host:port/dbname`.
struct DatabaseUrl
{
    enum class Kind
    {
        Sqlite,
        Postgresql
    } kind = Kind::Sqlite;
    QString path; // sqlite
    QString host, user, password, databaseName;
    int port = 5432;

    static Result<DatabaseUrl> parse(const QString &url);
    QString redacted() const; // for logs: never prints the password
};

/// The repository API over SQLite (WAL) or PostgreSQL. One Store per thread: it owns a named
/// QSqlDatabase connection. Every statement is prepared; dialect differences live in Dialect.
class Store
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// Opens (creating an SQLite file if needed) and migrates the schema to the latest version.
    static Result<std::unique_ptr<Store>> open(const DatabaseUrl &url,
                                               const QString &connectionName);

    static int latestSchemaVersion();
    Result<int> schemaVersion();
    DatabaseUrl::Kind kind() const;

    // Transactions: begin/commit/rollback, and savepoints inside a transaction so one failing
    // command in a group commit leaves the others intact.
    Status begin();
    Status commit();
    Status rollback();
    Status savepoint(const QString &name);
    Status releaseSavepoint(const QString &name);
    Status rollbackToSavepoint(const QString &name);

    // Users. Errors: "conflict" (name taken), "not_found".
    Result<qint64> addUser(const QString &username, const QString &displayName, Role role,
                           const PasswordHash &password, qint64 nowMs);
    Result<UserRecord> userByName(const QString &username);
    Result<User> userById(qint64 id);
    Result<QList<User>> users();
    Status setUserDisabled(const QString &username, bool disabled);

    // Sessions, keyed by the SHA-256 of the token (the token itself is never stored).
    Status addSession(const QByteArray &tokenHash, qint64 userId, qint64 nowMs, qint64 expiresAtMs);
    /// The session's user if the session exists, has not expired and the user is not disabled.
    Result<User> userForSession(const QByteArray &tokenHash, qint64 nowMs);
    Status deleteSession(const QByteArray &tokenHash);
    Status deleteSessionsOf(qint64 userId);

    // API keys, keyed by the SHA-256 of the key.
    Result<qint64> addApiKey(const QString &name, const QByteArray &keyHash, const QString &prefix,
                             qint64 nowMs);
    /// An active (not revoked) key; "not_found" otherwise.
    Result<ApiKey> apiKeyByHash(const QByteArray &keyHash);
    Result<QList<ApiKey>> apiKeys();
    Status revokeApiKey(const QString &name, qint64 nowMs);

    // Conversations.
    Result<Conversation> createConversation(const NewConversation &c);
    Result<Conversation> conversation(qint64 id);
    /// The customer's newest conversation that is not closed, if any.
    Result<std::optional<Conversation>>
    openConversationForCustomer(const QByteArray &customerKeyHash);
    /// The customer's newest conversation in any state (a closed one is still shown on reload).
    Result<std::optional<Conversation>>
    latestConversationForCustomer(const QByteArray &customerKeyHash);
    /// Every conversation that is not closed, oldest first (the queue snapshot).
    Result<QList<Conversation>> openConversations();
    /// Moves a conversation to `to` only if its state is currently `from` (and, when
    /// `requiredAssignee` is non-zero, it is assigned to that user). Returns false when the
    /// condition did not hold: this is what makes concurrent claims safe, even across hubs.
    Result<bool> transition(qint64 id, ConversationState from, ConversationState to,
                            qint64 assigneeId, qint64 requiredAssignee, qint64 nowMs);
    /// Conversations currently assigned to the user.
    Result<int> assignedCount(qint64 userId);

    // Sentiment of the customer's recent messages (oldest first), kept on the conversation.
    Result<QList<double>> sentimentHistory(qint64 conversationId);
    /// Records the latest score, trend, history and escalation flag, and the priority they give.
    Status setSentiment(qint64 conversationId, double score, const QString &trend,
                        const QList<double> &history, bool escalation, int priority, qint64 nowMs);

    // Trained bot models (store_models.cpp).
    Result<BotModelInfo> saveBotModel(const QString &kind, const QByteArray &bytes,
                                      const QString &version, int exampleCount, const QString &note,
                                      qint64 nowMs);
    /// The newest active model of the kind and its bytes; nullopt when there is none.
    Result<std::optional<QPair<BotModelInfo, QByteArray>>> latestBotModel(const QString &kind);
    /// Every model of the kind, active or not, newest first, without bytes.
    Result<QList<BotModelInfo>> botModels(const QString &kind);
    /// Deactivates every model of the kind (the product falls back to its built-in behaviour);
    /// returns how many were active.
    Result<int> deactivateBotModels(const QString &kind);

    // Messages. addMessage also updates the conversation's preview, last-message time and count.
    Result<Message> addMessage(const Message &m);
    /// Up to `limit` messages, oldest first, with id > afterId (and < beforeId when non-zero);
    /// when beforeId is set the newest `limit` messages before it are returned. Notes are left out
    /// unless includeNotes.
    Result<QList<Message>> messages(qint64 conversationId, qint64 afterId, qint64 beforeId,
                                    int limit, bool includeNotes);

    // Events: the seq-numbered log that agent connections resume from.
    Result<Event> appendEvent(const QString &kind, qint64 conversationId,
                              const QJsonObject &payload, qint64 nowMs);
    Result<QList<Event>> eventsAfter(qint64 seq, int limit);
    Result<qint64> lastSeq();

    // Command ids already applied, with the outcome returned the first time.
    Result<std::optional<QJsonObject>> commandOutcome(const QString &actor,
                                                      const QString &commandId);
    Status recordCommand(const QString &actor, const QString &commandId, const QJsonObject &outcome,
                         qint64 nowMs);

    // Audit log of administrative actions and transitions.
    Status audit(const QString &actor, const QString &action, const QJsonObject &detail,
                 qint64 nowMs);
    Result<QList<QJsonObject>> auditEntries(int limit);

    // Knowledge base (store_kb.cpp). Callers validate articles first (kb::validate); the
    // store keeps them in the given order and indexes the analysed questions and titles.
    /// Replaces every article, and the shop name when `shopName` is not empty, in one
    /// transaction (or inside the caller's): all or nothing. Versions are kept as given.
    Status replaceKnowledgeBase(const QList<KbArticle> &articles, qint64 nowMs,
                                const QMap<QString, QString> &shopName = {});
    /// Inserts a new article (at the end) or edits one; the stored version is the previous
    /// version + 1 (an edit never trusts the caller's number), 1 for a new article.
    Status upsertArticle(const KbArticle &article, qint64 nowMs);
    Result<QList<KbArticle>> articles();
    Result<KbArticle> article(const QString &id); // "not_found"
    Result<int> articleCount();
    Result<QMap<QString, QString>> kbShopName();
    /// Enabled articles whose questions or titles share a token with `analysedQuery`
    /// (space-separated, as AnalyzedText::ftsText()), best first, one entry per article; the
    /// score is SQLite's bm25 (PostgreSQL: -ts_rank), lower is better.
    Result<QList<QPair<QString, double>>> searchQuestions(const QString &analysedQuery, int limit);

    // Hybrid assist (store_routing.cpp).
    /// Replaces the conversation's assist document (suggestions, handoff, bot state, routing).
    Status setAssist(qint64 conversationId, const QJsonObject &assist, qint64 nowMs);
    Result<SuggestionOutcome> addSuggestionOutcome(const SuggestionOutcome &outcome);
    Result<SuggestionOutcome> suggestionOutcome(qint64 id); // "not_found"
    /// Newest first; conversationId 0 = all, beforeId 0 = from the newest.
    Result<QList<SuggestionOutcome>> suggestionOutcomes(qint64 conversationId, qint64 beforeId,
                                                        int limit);
    Status setSuggestionOutcomeReason(qint64 id, const QString &reason);
    /// How many outcomes there are per action.
    Result<QMap<QString, int>> suggestionOutcomeCounts();
    /// How many routing decisions there are per reason ("bot_answered", "human_requested" …).
    Result<QMap<QString, int>> routingReasonCounts();
    /// When the conversation that has waited longest entered the queue; 0 when none waits.
    Result<qint64> oldestWaitingSince();
    Status addLearnedExample(const QString &text, const QString &articleId, const QString &intent,
                             qint64 outcomeId, qint64 nowMs);
    /// Customer questions accepted replies taught the bot, oldest first: (text, articleId).
    Result<QList<QPair<QString, QString>>> learnedExamples(int limit);

    // Sentiment tags (store_assist.cpp).
    Result<SentimentTag> addSentimentTag(const SentimentTag &tag);
    /// Newest first: every tag, or one conversation's (conversationId), only those where the
    /// agent and the model disagree (disagreementsOnly), older than beforeId when non-zero.
    Result<QList<SentimentTag>> sentimentTags(qint64 conversationId, bool disagreementsOnly,
                                              qint64 beforeId, int limit);
    /// The tags that stand: the newest for the conversation and for each tagged message.
    Result<QList<SentimentTag>> currentSentimentTags(qint64 conversationId);
    /// Training data, one example per standing tag: a message tag gives that message's text, a
    /// conversation tag the customer's messages up to the tag, one per line.
    Result<QList<SentimentExample>> sentimentExamples(int limit);

    // Canned responses (store_assist.cpp). Errors: "conflict" (shortcut taken for that owner and
    // language), "not_found".
    /// The user's own and the shared ones, shortcut order.
    Result<QList<CannedResponse>> cannedResponses(qint64 userId);
    Result<CannedResponse> cannedResponse(qint64 id);
    /// Inserts when id is 0, else updates (the owner is never changed by an update).
    Result<CannedResponse> saveCannedResponse(const CannedResponse &response, const QString &actor,
                                              qint64 nowMs);
    Status deleteCannedResponse(qint64 id);

private:
    Store(QSqlDatabase db, DatabaseUrl url);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tandem
