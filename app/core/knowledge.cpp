#include "knowledge.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace tandem {

namespace {

Error invalid(const QString &where, const QString &message)
{
    return {QStringLiteral("invalid_argument"), where + QStringLiteral(": ") + message};
}

QString field(const QString &where, const QString &name)
{
    return where + QLatin1Char('.') + name;
}

Result<QString> stringField(const QJsonObject &o, const QString &where, const QString &name)
{
    if (!o.contains(name))
        return invalid(field(where, name), QStringLiteral("missing field"));
    if (!o.value(name).isString())
        return invalid(field(where, name), QStringLiteral("must be a string"));
    return o.value(name).toString();
}

Result<bool> boolField(const QJsonObject &o, const QString &where, const QString &name)
{
    if (!o.contains(name))
        return invalid(field(where, name), QStringLiteral("missing field"));
    if (!o.value(name).isBool())
        return invalid(field(where, name), QStringLiteral("must be true or false"));
    return o.value(name).toBool();
}

Result<QStringList> stringArray(const QJsonObject &o, const QString &where, const QString &name)
{
    const QString path = field(where, name);
    if (!o.contains(name))
        return invalid(path, QStringLiteral("missing field"));
    if (!o.value(name).isArray())
        return invalid(path, QStringLiteral("must be an array of strings"));
    QStringList result;
    const QJsonArray array = o.value(name).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return invalid(path + QStringLiteral("[%1]").arg(i),
                           QStringLiteral("must be a string"));
        result.append(array.at(i).toString());
    }
    return result;
}

Status checkVariables(const QString &where, const QString &text)
{
    static const QRegularExpression variable(QStringLiteral("\\{\\{\\s*([^{}]*?)\\s*\\}\\}"));
    for (auto it = variable.globalMatch(text); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!kb::allowedVariables().contains(name))
            return invalid(where, QStringLiteral("unknown variable {{%1}} (allowed: %2)")
                                      .arg(name, kb::allowedVariables().join(QLatin1String(", "))));
    }
    QString rest = text;
    rest.remove(variable);
    if (rest.contains(QLatin1String("{{")) || rest.contains(QLatin1String("}}")))
        return invalid(where, QStringLiteral("malformed variable braces"));
    return {};
}

} // namespace

namespace kb {

const QStringList &languages()
{
    static const QStringList list{QStringLiteral("en"), QStringLiteral("zh-CN"),
                                  QStringLiteral("zh-TW")};
    return list;
}

const QStringList &allowedVariables()
{
    static const QStringList list{QStringLiteral("customer.name"), QStringLiteral("order.id"),
                                  QStringLiteral("shop.name"), QStringLiteral("agent.name")};
    return list;
}

QString articleLabel(int index, const QString &id)
{
    const QString base = QStringLiteral("articles[%1]").arg(index);
    return id.isEmpty() ? base : base + QStringLiteral(" (") + id + QLatin1Char(')');
}

Status validate(const QList<KbArticle> &articles)
{
    QHash<QString, int> seen;
    for (int i = 0; i < articles.size(); ++i) {
        const KbArticle &a = articles.at(i);
        const QString where = articleLabel(i, a.id);
        if (Status s = a.validate(where); !s)
            return s;
        if (auto it = seen.constFind(a.id); it != seen.constEnd())
            return invalid(field(where, QStringLiteral("id")),
                           QStringLiteral("duplicate id (also articles[%1])").arg(*it));
        seen.insert(a.id, i);
    }
    return {};
}

} // namespace kb

QJsonObject KbArticle::toJson() const
{
    QJsonObject languagesObject;
    for (auto it = content.constBegin(); it != content.constEnd(); ++it) {
        languagesObject.insert(it.key(), QJsonObject{{QStringLiteral("title"), it->title},
                                                     {QStringLiteral("answer"), it->answer},
                                                     {QStringLiteral("questions"),
                                                      QJsonArray::fromStringList(it->questions)}});
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("intent"), intent},
            {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("autoAnswer"), autoAnswer},
            {QStringLiteral("enabled"), enabled},
            {QStringLiteral("version"), version},
            {QStringLiteral("lastReviewed"), lastReviewed.toString(Qt::ISODate)},
            {QStringLiteral("content"), languagesObject}};
}

Result<KbArticle> KbArticle::fromJson(const QJsonObject &o, const QString &where)
{
    KbArticle a;
    const auto id = stringField(o, where, QStringLiteral("id"));
    if (!id)
        return id.error();
    a.id = *id;
    // Errors after the id name it too: "articles[3] (order-status).intent: …".
    const QString at =
        a.id.isEmpty() ? where : where + QStringLiteral(" (") + a.id + QLatin1Char(')');
    const auto intent = stringField(o, at, QStringLiteral("intent"));
    if (!intent)
        return intent.error();
    a.intent = *intent;
    const auto tagList = stringArray(o, at, QStringLiteral("tags"));
    if (!tagList)
        return tagList.error();
    a.tags = *tagList;
    const auto autoAnswer = boolField(o, at, QStringLiteral("autoAnswer"));
    if (!autoAnswer)
        return autoAnswer.error();
    a.autoAnswer = *autoAnswer;
    const auto enabled = boolField(o, at, QStringLiteral("enabled"));
    if (!enabled)
        return enabled.error();
    a.enabled = *enabled;
    const QJsonValue version = o.value(QStringLiteral("version"));
    if (version.isUndefined())
        return invalid(field(at, QStringLiteral("version")), QStringLiteral("missing field"));
    if (!version.isDouble() || version.toDouble() != double(version.toInt()))
        return invalid(field(at, QStringLiteral("version")), QStringLiteral("must be an integer"));
    a.version = version.toInt();
    const auto reviewed = stringField(o, at, QStringLiteral("lastReviewed"));
    if (!reviewed)
        return reviewed.error();
    a.lastReviewed = QDate::fromString(*reviewed, Qt::ISODate);
    if (!a.lastReviewed.isValid())
        return invalid(field(at, QStringLiteral("lastReviewed")),
                       QStringLiteral("must be a date YYYY-MM-DD, got \"%1\"").arg(*reviewed));

    const QString contentPath = field(at, QStringLiteral("content"));
    if (!o.value(QStringLiteral("content")).isObject())
        return invalid(contentPath, o.contains(QStringLiteral("content"))
                                        ? QStringLiteral("must be an object keyed by language")
                                        : QStringLiteral("missing field"));
    const QJsonObject languagesObject = o.value(QStringLiteral("content")).toObject();
    for (auto it = languagesObject.begin(); it != languagesObject.end(); ++it) {
        const QString lw = field(contentPath, it.key());
        if (!kb::languages().contains(it.key()))
            return invalid(lw, QStringLiteral("unsupported language \"%1\" (allowed: %2)")
                                   .arg(it.key(), kb::languages().join(QLatin1String(", "))));
        if (!it.value().isObject())
            return invalid(lw, QStringLiteral("must be an object"));
        const QJsonObject c = it.value().toObject();
        KbContent content;
        const auto title = stringField(c, lw, QStringLiteral("title"));
        if (!title)
            return title.error();
        const auto answer = stringField(c, lw, QStringLiteral("answer"));
        if (!answer)
            return answer.error();
        const auto questions = stringArray(c, lw, QStringLiteral("questions"));
        if (!questions)
            return questions.error();
        a.content.insert(it.key(), {*title, *answer, *questions});
    }
    return a;
}

Status KbArticle::validate(const QString &where) const
{
    static const QRegularExpression kebab(QStringLiteral("^[a-z0-9]+(?:-[a-z0-9]+)*$"));
    static const QRegularExpression dotted(
        QStringLiteral("^[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+$"));
    if (!kebab.match(id).hasMatch())
        return invalid(
            field(where, QStringLiteral("id")),
            QStringLiteral("must be kebab-case (a-z, 0-9, single dashes), got \"%1\"").arg(id));
    if (!dotted.match(intent).hasMatch())
        return invalid(field(where, QStringLiteral("intent")),
                       QStringLiteral("must be dotted lower-case (e.g. delivery.tracking), got "
                                      "\"%1\"")
                           .arg(intent));
    for (qsizetype i = 0; i < tags.size(); ++i) {
        // ';' separates tags in CSV files.
        if (tags.at(i).trimmed().isEmpty() || tags.at(i).contains(QLatin1Char(';')))
            return invalid(field(where, QStringLiteral("tags[%1]").arg(i)),
                           QStringLiteral("must be non-empty and contain no ';'"));
        if (tags.indexOf(tags.at(i)) != i)
            return invalid(field(where, QStringLiteral("tags[%1]").arg(i)),
                           QStringLiteral("duplicate tag \"%1\"").arg(tags.at(i)));
    }
    if (version < 1)
        return invalid(field(where, QStringLiteral("version")), QStringLiteral("must be >= 1"));
    if (!lastReviewed.isValid())
        return invalid(field(where, QStringLiteral("lastReviewed")),
                       QStringLiteral("must be a date YYYY-MM-DD"));
    const QString contentPath = field(where, QStringLiteral("content"));
    if (content.isEmpty())
        return invalid(contentPath, QStringLiteral("needs at least one language"));
    for (auto it = content.constBegin(); it != content.constEnd(); ++it) {
        const QString lw = field(contentPath, it.key());
        if (!kb::languages().contains(it.key()))
            return invalid(lw, QStringLiteral("unsupported language \"%1\" (allowed: %2)")
                                   .arg(it.key(), kb::languages().join(QLatin1String(", "))));
        if (it->title.trimmed().isEmpty())
            return invalid(field(lw, QStringLiteral("title")), QStringLiteral("must not be empty"));
        if (it->answer.trimmed().isEmpty())
            return invalid(field(lw, QStringLiteral("answer")),
                           QStringLiteral("must not be empty"));
        if (Status s = checkVariables(field(lw, QStringLiteral("title")), it->title); !s)
            return s;
        if (Status s = checkVariables(field(lw, QStringLiteral("answer")), it->answer); !s)
            return s;
        const QString qw = field(lw, QStringLiteral("questions"));
        if (it->questions.isEmpty())
            return invalid(qw, QStringLiteral("needs at least one example question"));
        for (qsizetype i = 0; i < it->questions.size(); ++i) {
            if (it->questions.at(i).trimmed().isEmpty())
                return invalid(qw + QStringLiteral("[%1]").arg(i),
                               QStringLiteral("must not be empty"));
        }
    }
    return {};
}

} // namespace tandem
