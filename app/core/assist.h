#pragma once

#include "domain.h"
#include "result.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/// What agents add to a conversation beside their replies: sentiment tags and canned responses.
namespace tandem {

QString moodName(Mood mood);
std::optional<Mood> moodFromName(const QString &name);

/// An agent's reading of the customer's mood, kept beside what the model said at that moment so
/// disagreements can be found and the tags can train the model.
struct SentimentTag
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 messageId = 0; // 0: the whole conversation
    qint64 userId = 0;
    QString username;
    Mood agentLabel = Mood::Neutral;
    std::optional<Mood> modelLabel; // none when the customer had not written yet
    std::optional<double> modelScore;
    qint64 createdAtMs = 0;

    bool disagrees() const { return modelLabel && *modelLabel != agentLabel; }
    QJsonObject toJson() const;
    static SentimentTag fromJson(const QJsonObject &o);
};

/// One training example made from a tag: the customer's words and the agent's label.
struct SentimentExample
{
    QString text;
    Mood label = Mood::Neutral;
};

/// A reply an agent keeps ready, inserted by typing `/` and its shortcut. Shared ones (ownerId 0)
/// are the team's and are edited by supervisors and admins only.
struct CannedResponse
{
    qint64 id = 0;
    qint64 ownerId = 0; // 0: shared with the team
    QString shortcut;   // e.g. "refund-ok"; unique per owner and language
    QString title;
    QString text; // may hold {{variables}} (kb::allowedVariables())
    QString language;
    qint64 updatedAtMs = 0;

    bool isShared() const { return ownerId == 0; }
    /// Checks every field; the error names the field ("shortcut", "text", …).
    Status validate() const;
    QJsonObject toJson() const;
    static CannedResponse fromJson(const QJsonObject &o);
};

namespace canned {
constexpr int kMaxShortcut = 40;
constexpr int kMaxTitle = 200;
/// The variables a text uses, in order of first use, each once ("customer.name", …).
QStringList variablesIn(const QString &text);
/// Replaces every {{name}} that has a value in `values`; others are left as they are.
QString fill(const QString &text, const QMap<QString, QString> &values);
} // namespace canned

} // namespace tandem
