#include "suggestionoutcome.h"

#include <QList>

#include <algorithm>

namespace tandem {

QJsonObject SuggestionOutcome::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("conversationId"), conversationId},
                  {QStringLiteral("messageId"), messageId},
                  {QStringLiteral("userId"), userId},
                  {QStringLiteral("username"), username},
                  {QStringLiteral("action"), action},
                  {QStringLiteral("shown"), shown},
                  {QStringLiteral("modelVersion"), modelVersion},
                  {QStringLiteral("createdAtMs"), createdAtMs}};
    if (rank > 0) {
        o.insert(QStringLiteral("rank"), rank);
        o.insert(QStringLiteral("articleId"), articleId);
        o.insert(QStringLiteral("articleVersion"), articleVersion);
        o.insert(QStringLiteral("intent"), intent);
    }
    if (confidence)
        o.insert(QStringLiteral("confidence"), *confidence);
    if (!sentText.isEmpty())
        o.insert(QStringLiteral("text"), sentText);
    if (editDistance)
        o.insert(QStringLiteral("editDistance"), *editDistance);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (displayMs)
        o.insert(QStringLiteral("displayMs"), *displayMs);
    return o;
}

namespace suggestion {

bool isAction(const QString &action)
{
    static const QStringList actions{QStringLiteral("accepted"), QStringLiteral("edited"),
                                     QStringLiteral("overridden"), QStringLiteral("ignored")};
    return actions.contains(action);
}

bool isReason(const QString &reason)
{
    static const QStringList reasons{
        QStringLiteral("wrong_intent"), QStringLiteral("outdated_article"),
        QStringLiteral("tone"),         QStringLiteral("policy"),
        QStringLiteral("missing_data"), QStringLiteral("already_answered"),
        QStringLiteral("other")};
    return reasons.contains(reason);
}

double normalizedEditDistance(const QString &a, const QString &b)
{
    const QList<uint> x = a.toUcs4();
    const QList<uint> y = b.toUcs4();
    const qsizetype longest = std::max(x.size(), y.size());
    if (longest == 0)
        return 0;
    // Two rows of the dynamic programme: O(|y|) memory for replies of any length.
    QList<qsizetype> previous(y.size() + 1), current(y.size() + 1);
    for (qsizetype j = 0; j <= y.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= x.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const qsizetype substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return double(previous[y.size()]) / double(longest);
}

} // namespace suggestion

} // namespace tandem
