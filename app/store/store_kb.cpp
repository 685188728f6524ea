#include "store_private.h"
#include "textanalysis.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace tandem {

namespace {

const QString kShopNameKey = QStringLiteral("shop.name");

QString tagsText(const QStringList &tags)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QStringList tagsFromText(const QString &text)
{
    QStringList tags;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &v : array)
        tags.append(v.toString());
    return tags;
}

Status exec(Query &q)
{
    if (!q.exec())
        return q.error();
    return {};
}

Status indexTokens(Connection &c, const QString &articleId, const QString &language,
                   const QString &analysed)
{
    Query q(c, QStringLiteral("INSERT INTO kb_search (article_id, language, tokens)"
                              " VALUES (:article_id, :language, :tokens)"));
    q.bind(":article_id", articleId)
        .bind(":language", language)
        .bind(":tokens", textValue(analysed));
    return exec(q);
}

Status deleteArticleRows(Connection &c, const QString &id)
{
    // Children first: kb_search has no foreign key (an FTS5 table cannot have one).
    for (const QString &sql : {QStringLiteral("DELETE FROM kb_search WHERE article_id = :id"),
                               QStringLiteral("DELETE FROM kb_questions WHERE article_id = :id"),
                               QStringLiteral("DELETE FROM kb_content WHERE article_id = :id"),
                               QStringLiteral("DELETE FROM kb_articles WHERE id = :id")}) {
        Query q(c, sql);
        q.bind(":id", id);
        if (Status s = exec(q); !s)
            return s;
    }
    return {};
}

Status writeArticle(Connection &c, const KbArticle &a, int position, int version, qint64 nowMs)
{
    Query q(c, QStringLiteral("INSERT INTO kb_articles (id, position, intent, tags, auto_answer,"
                              " enabled, version, last_reviewed, updated_at) VALUES (:id,"
                              " :position, :intent, :tags, :auto_answer, :enabled, :version,"
                              " :last_reviewed, :updated_at)"));
    q.bind(":id", a.id)
        .bind(":position", position)
        .bind(":intent", a.intent)
        .bind(":tags", tagsText(a.tags))
        .bind(":auto_answer", boolValue(a.autoAnswer))
        .bind(":enabled", boolValue(a.enabled))
        .bind(":version", version)
        .bind(":last_reviewed", a.lastReviewed.toString(Qt::ISODate))
        .bind(":updated_at", nowMs);
    if (Status s = exec(q); !s)
        return s;
    for (auto it = a.content.constBegin(); it != a.content.constEnd(); ++it) {
        Query content(c, QStringLiteral("INSERT INTO kb_content (article_id, language, title,"
                                        " answer) VALUES (:article_id, :language, :title,"
                                        " :answer)"));
        content.bind(":article_id", a.id)
            .bind(":language", it.key())
            .bind(":title", textValue(it->title))
            .bind(":answer", textValue(it->answer));
        if (Status s = exec(content); !s)
            return s;
        const QString title = TextAnalyzer::instance().analyze(it->title).ftsText();
        if (Status s = indexTokens(c, a.id, it.key(), title); !s)
            return s;
        for (qsizetype i = 0; i < it->questions.size(); ++i) {
            const QString &text = it->questions.at(i);
            const QString analysed = TextAnalyzer::instance().analyze(text).ftsText();
            Query question(c, QStringLiteral("INSERT INTO kb_questions (article_id, language,"
                                             " position, text, analysed) VALUES (:article_id,"
                                             " :language, :position, :text, :analysed)"));
            question.bind(":article_id", a.id)
                .bind(":language", it.key())
                .bind(":position", int(i))
                .bind(":text", textValue(text))
                .bind(":analysed", textValue(analysed));
            if (Status s = exec(question); !s)
                return s;
            if (Status s = indexTokens(c, a.id, it.key(), analysed); !s)
                return s;
        }
    }
    return {};
}

/// Reads articles (all, or the one with `id`) in their stored order.
Result<QList<KbArticle>> readArticles(Connection &c, const QString &id)
{
    const QString filter = id.isNull() ? QString() : QStringLiteral(" WHERE id = :id");
    Query q(c, QStringLiteral("SELECT id, intent, tags, auto_answer, enabled, version,"
                              " last_reviewed FROM kb_articles") +
                   filter + QStringLiteral(" ORDER BY position, id"));
    if (!id.isNull())
        q.bind(":id", id);
    if (!q.exec())
        return q.error();
    QList<KbArticle> result;
    QHash<QString, qsizetype> index;
    while (q.next()) {
        KbArticle a;
        a.id = q.text(0);
        a.intent = q.text(1);
        a.tags = tagsFromText(q.text(2));
        a.autoAnswer = q.boolean(3);
        a.enabled = q.boolean(4);
        a.version = q.int32(5);
        a.lastReviewed = QDate::fromString(q.text(6), Qt::ISODate);
        index.insert(a.id, result.size());
        result.append(a);
    }
    const QString childFilter = id.isNull() ? QString() : QStringLiteral(" WHERE article_id = :id");
    Query content(c, QStringLiteral("SELECT article_id, language, title, answer FROM kb_content") +
                         childFilter);
    if (!id.isNull())
        content.bind(":id", id);
    if (!content.exec())
        return content.error();
    while (content.next()) {
        if (auto it = index.constFind(content.text(0)); it != index.constEnd())
            result[*it].content.insert(content.text(1), {content.text(2), content.text(3), {}});
    }
    Query questions(c, QStringLiteral("SELECT article_id, language, text FROM kb_questions") +
                           childFilter +
                           QStringLiteral(" ORDER BY article_id, language, position"));
    if (!id.isNull())
        questions.bind(":id", id);
    if (!questions.exec())
        return questions.error();
    while (questions.next()) {
        if (auto it = index.constFind(questions.text(0)); it != index.constEnd())
            result[*it].content[questions.text(1)].questions.append(questions.text(2));
    }
    return result;
}

} // namespace

Status Store::replaceKnowledgeBase(const QList<KbArticle> &articles, qint64 nowMs,
                                   const QMap<QString, QString> &shopName)
{
    if (Status s = kb::validate(articles); !s)
        return s;
    Result<bool> done = d->atomically<bool>([&]() -> Result<bool> {
        for (const QString &table : {QStringLiteral("kb_search"), QStringLiteral("kb_questions"),
                                     QStringLiteral("kb_content"), QStringLiteral("kb_articles")}) {
            if (Status s = d->execRaw(QStringLiteral("DELETE FROM ") + table); !s)
                return s.error();
        }
        for (int i = 0; i < articles.size(); ++i) {
            const KbArticle &a = articles.at(i);
            if (Status s = writeArticle(*d, a, i, a.version, nowMs); !s)
                return Error{s.error().code,
                             kb::articleLabel(i, a.id) + QStringLiteral(": ") + s.error().message};
        }
        if (!shopName.isEmpty()) {
            QJsonObject names;
            for (auto it = shopName.constBegin(); it != shopName.constEnd(); ++it)
                names.insert(it.key(), it.value());
            Query q(*d, QStringLiteral("INSERT INTO kb_meta (key, value) VALUES (:key, :value)"
                                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
            q.bind(":key", kShopNameKey).bind(":value", jsonText(names));
            if (Status s = exec(q); !s)
                return s.error();
        }
        return true;
    });
    if (!done)
        return done.error();
    return {};
}

Status Store::upsertArticle(const KbArticle &article, qint64 nowMs)
{
    if (Status s = article.validate(QStringLiteral("article ") + article.id); !s)
        return s;
    Result<bool> done = d->atomically<bool>([&]() -> Result<bool> {
        Query q(*d, QStringLiteral("SELECT version, position FROM kb_articles WHERE id = :id"));
        q.bind(":id", article.id);
        if (!q.exec())
            return q.error();
        int version = 1;
        int position = 0;
        if (q.next()) {
            version = q.int32(0) + 1;
            position = q.int32(1);
            if (Status s = deleteArticleRows(*d, article.id); !s)
                return s.error();
        } else {
            Query last(*d, QStringLiteral("SELECT COALESCE(MAX(position), -1) FROM kb_articles"));
            if (!last.exec() || !last.next())
                return last.error();
            position = last.int32(0) + 1;
        }
        if (Status s = writeArticle(*d, article, position, version, nowMs); !s)
            return s.error();
        return true;
    });
    if (!done)
        return done.error();
    return {};
}

Result<QList<KbArticle>> Store::articles()
{
    return readArticles(*d, QString());
}

Result<KbArticle> Store::article(const QString &id)
{
    auto found = readArticles(*d, id.isNull() ? QStringLiteral("") : id);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("no knowledge-base article \"%1\"").arg(id));
    return found->constFirst();
}

Result<int> Store::articleCount()
{
    Query q(*d, QStringLiteral("SELECT COUNT(*) FROM kb_articles"));
    if (!q.exec() || !q.next())
        return q.error();
    return q.int32(0);
}

Result<QMap<QString, QString>> Store::kbShopName()
{
    Query q(*d, QStringLiteral("SELECT value FROM kb_meta WHERE key = :key"));
    q.bind(":key", kShopNameKey);
    if (!q.exec())
        return q.error();
    QMap<QString, QString> names;
    if (q.next()) {
        const QJsonObject o = q.json(0);
        for (auto it = o.begin(); it != o.end(); ++it)
            names.insert(it.key(), it.value().toString());
    }
    return names;
}

Result<QList<QPair<QString, double>>> Store::searchQuestions(const QString &analysedQuery,
                                                             int limit)
{
    const QStringList tokens = analysedQuery.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<QPair<QString, double>> result;
    if (tokens.isEmpty() || limit <= 0)
        return result; // an empty MATCH is a syntax error, and nothing matches nothing
    Query q(*d, d->dialect().kbSearchSql());
    q.bind(":query", d->dialect().kbSearchQuery(tokens))
        .bind(":enabled", boolValue(true))
        .bind(":limit", limit);
    if (!q.exec())
        return q.error();
    while (q.next())
        result.append({q.text(0), q.real(1)});
    return result;
}

} // namespace tandem
