#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tandem {

/// What an agent did with the suggestions shown for one customer message.
struct SuggestionOutcome
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 messageId = 0; // the customer message the suggestions were for
    qint64 userId = 0;
    QString username;
    QString action; // "accepted", "edited", "overridden", "ignored"
    int rank = 0;   // 1–3 for accepted/edited; 0 otherwise
    QString articleId;
    int articleVersion = 0;
    QString intent;
    std::optional<double> confidence;
    QString modelVersion;
    QJsonArray shown; // [{rank, articleId, articleVersion, intent, confidence}]
    QString sentText;
    std::optional<double> editDistance; // normalised, 0 = sent as suggested
    QString reason;
    std::optional<qint64> displayMs; // from display to send
    qint64 createdAtMs = 0;

    QJsonObject toJson() const;
};

namespace suggestion {

/// The actions and reasons the protocol accepts.
bool isAction(const QString &action);
bool isReason(const QString &reason);

/// Levenshtein distance over code points divided by the longer length: 0 for identical texts,
/// 1 for texts with nothing in common (and for one empty text).
double normalizedEditDistance(const QString &a, const QString &b);

} // namespace suggestion

} // namespace tandem
