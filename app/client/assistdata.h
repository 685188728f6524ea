#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// The bot's side of a conversation as the agent socket carries it (`assist`, docs/protocol.md
/// "The bot: routing, handoff and suggestions"), read into plain values for the desktop.
namespace tandem {

/// One suggested answer for the latest customer message.
struct AssistSuggestion
{
    int rank = 0; // 1–3
    QString articleId;
    int articleVersion = 0;
    QString intent;
    double confidence = 0;
    QString title;
    QString answer; // variables already filled by the hub
    QString lastReviewed;
    QString matchedQuestion;
    bool weak = false; // below the model's threshold: shown greyed

    static AssistSuggestion fromJson(const QJsonObject &o);
};

/// The top suggestions for one customer message.
struct AssistSuggestions
{
    qint64 messageId = 0;
    QString modelVersion;
    double threshold = 0;
    qint64 computedAtMs = 0;
    QString language;
    QList<AssistSuggestion> items; // by rank

    bool isEmpty() const { return messageId == 0 || items.isEmpty(); }
    /// The suggestion of that rank, if shown.
    std::optional<AssistSuggestion> byRank(int rank) const;
    static AssistSuggestions fromJson(const QJsonObject &o);
};

/// The card the bot makes when it hands a conversation to people.
struct AssistHandoff
{
    QString reason; // routing reason: human_requested, negative_sentiment, …
    qint64 atMs = 0;
    QString question;
    QString intent;
    double confidence = 0;
    std::optional<double> sentiment;
    QString sentimentTrend;
    QStringList botAnswers;
    QStringList articles; // "order-tracking v2"

    bool isEmpty() const { return reason.isEmpty(); }
    static AssistHandoff fromJson(const QJsonObject &o);
};

/// One of the hub's routing decisions (who answers a customer message, and why).
struct AssistRouting
{
    QString decision; // "bot" or "human"
    QString reason;
    qint64 messageId = 0;
    qint64 atMs = 0;
    QString intent;
    double confidence = 0;

    static AssistRouting fromJson(const QJsonObject &o);
};

/// Everything `assist` holds for one conversation.
struct AssistInfo
{
    AssistSuggestions suggestions;
    AssistHandoff handoff;
    QList<AssistRouting> routing; // oldest first
    int botFailures = 0;

    static AssistInfo fromJson(const QJsonObject &assist);
};

/// What an agent did with the suggestions shown for a customer message (`send`'s `assist`).
namespace outcome {
inline constexpr char kAccepted[] = "accepted";
inline constexpr char kEdited[] = "edited";
inline constexpr char kOverridden[] = "overridden";
} // namespace outcome

/// Why an agent edited or overrode a suggestion, in the order of the reason picker's keys 1–7.
const QStringList &suggestionReasons();

} // namespace tandem
