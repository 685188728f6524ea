#include "assist.h"

#include "knowledge.h"

#include <QRegularExpression>

#include <algorithm>

namespace tandem {

namespace {

const QRegularExpression &variablePattern()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*([^{}]*?)\\s*\\}\\}"));
    return re;
}

Status invalid(const QString &field, const QString &message)
{
    return Status(Error{QStringLiteral("invalid_field"),
                        QStringLiteral("field \"%1\" %2").arg(field, message)});
}

bool isShortcutChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
           c == QLatin1Char('.');
}

} // namespace

QString moodName(Mood mood)
{
    switch (mood) {
    case Mood::Negative:
        return QStringLiteral("negative");
    case Mood::Positive:
        return QStringLiteral("positive");
    case Mood::Neutral:
        break;
    }
    return QStringLiteral("neutral");
}

std::optional<Mood> moodFromName(const QString &name)
{
    for (Mood m : {Mood::Negative, Mood::Neutral, Mood::Positive}) {
        if (name == moodName(m))
            return m;
    }
    return std::nullopt;
}

QJsonObject SentimentTag::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("conversationId"), conversationId},
                  {QStringLiteral("userId"), userId},
                  {QStringLiteral("username"), username},
                  {QStringLiteral("label"), moodName(agentLabel)},
                  {QStringLiteral("disagrees"), disagrees()},
                  {QStringLiteral("timeMs"), createdAtMs}};
    if (messageId)
        o.insert(QStringLiteral("messageId"), messageId);
    if (modelLabel)
        o.insert(QStringLiteral("modelLabel"), moodName(*modelLabel));
    if (modelScore)
        o.insert(QStringLiteral("modelScore"), *modelScore);
    return o;
}

SentimentTag SentimentTag::fromJson(const QJsonObject &o)
{
    SentimentTag t;
    t.id = o.value(QStringLiteral("id")).toInteger();
    t.conversationId = o.value(QStringLiteral("conversationId")).toInteger();
    t.messageId = o.value(QStringLiteral("messageId")).toInteger();
    t.userId = o.value(QStringLiteral("userId")).toInteger();
    t.username = o.value(QStringLiteral("username")).toString();
    t.agentLabel =
        moodFromName(o.value(QStringLiteral("label")).toString()).value_or(Mood::Neutral);
    t.modelLabel = moodFromName(o.value(QStringLiteral("modelLabel")).toString());
    if (o.value(QStringLiteral("modelScore")).isDouble())
        t.modelScore = o.value(QStringLiteral("modelScore")).toDouble();
    t.createdAtMs = o.value(QStringLiteral("timeMs")).toInteger();
    return t;
}

Status CannedResponse::validate() const
{
    if (shortcut.isEmpty())
        return invalid(QStringLiteral("shortcut"), QStringLiteral("must not be empty"));
    if (shortcut.size() > canned::kMaxShortcut)
        return invalid(QStringLiteral("shortcut"),
                       QStringLiteral("is longer than %1 characters").arg(canned::kMaxShortcut));
    if (!std::all_of(shortcut.cbegin(), shortcut.cend(), isShortcutChar))
        return invalid(QStringLiteral("shortcut"),
                       QStringLiteral("may hold only letters, digits, '-', '_' and '.'"));
    if (title.trimmed().isEmpty())
        return invalid(QStringLiteral("title"), QStringLiteral("must not be empty"));
    if (title.size() > canned::kMaxTitle)
        return invalid(QStringLiteral("title"),
                       QStringLiteral("is longer than %1 characters").arg(canned::kMaxTitle));
    if (text.trimmed().isEmpty())
        return invalid(QStringLiteral("text"), QStringLiteral("must not be empty"));
    if (text.size() > 8000)
        return invalid(QStringLiteral("text"), QStringLiteral("is longer than 8000 characters"));
    for (const QString &name : canned::variablesIn(text)) {
        if (!kb::allowedVariables().contains(name))
            return invalid(QStringLiteral("text"),
                           QStringLiteral("uses the unknown variable {{%1}} (allowed: %2)")
                               .arg(name, kb::allowedVariables().join(QLatin1String(", "))));
    }
    if (!kb::languages().contains(language))
        return invalid(
            QStringLiteral("language"),
            QStringLiteral("must be one of %1").arg(kb::languages().join(QLatin1String(", "))));
    return {};
}

QJsonObject CannedResponse::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("shared"), isShared()},
            {QStringLiteral("ownerId"), ownerId},
            {QStringLiteral("shortcut"), shortcut},
            {QStringLiteral("title"), title},
            {QStringLiteral("text"), text},
            {QStringLiteral("language"), language},
            {QStringLiteral("updatedAtMs"), updatedAtMs}};
}

CannedResponse CannedResponse::fromJson(const QJsonObject &o)
{
    CannedResponse c;
    c.id = o.value(QStringLiteral("id")).toInteger();
    c.ownerId = o.value(QStringLiteral("ownerId")).toInteger();
    c.shortcut = o.value(QStringLiteral("shortcut")).toString();
    c.title = o.value(QStringLiteral("title")).toString();
    c.text = o.value(QStringLiteral("text")).toString();
    c.language = o.value(QStringLiteral("language")).toString();
    c.updatedAtMs = o.value(QStringLiteral("updatedAtMs")).toInteger();
    return c;
}

namespace canned {

QStringList variablesIn(const QString &text)
{
    QStringList names;
    for (auto it = variablePattern().globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names.append(name);
    }
    return names;
}

QString fill(const QString &text, const QMap<QString, QString> &values)
{
    QString result;
    qsizetype last = 0;
    for (auto it = variablePattern().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        result += QStringView(text).mid(last, m.capturedStart() - last);
        const auto value = values.constFind(m.captured(1));
        result += value != values.cend() ? *value : m.captured(0);
        last = m.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result;
}

} // namespace canned

} // namespace tandem
