#include "questionindex.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

namespace tandem {

namespace {

Q_LOGGING_CATEGORY(lcIndex, "tandem.bot.index", QtInfoMsg)

Error sqliteError(sqlite3 *db, const QString &what)
{
    return Error{QStringLiteral("index.sqlite"),
                 QStringLiteral("%1: %2").arg(what, db ? QString::fromUtf8(sqlite3_errmsg(db))
                                                       : QStringLiteral("no memory"))};
}

/// FTS5 query text: every token a quoted string, any of them may match. unicode61 split the
/// indexed tokens at every character that is not a letter, number or private-use character, so
/// the query tokens are split the same way first: with detail=column a quoted string that
/// FTS5 splits into several terms is a phrase query and fails the whole search, and one that
/// splits into no term at all ("-", "😀") crashes SQLite 3.40's FTS5 inside an OR.
QByteArray matchExpression(const QStringList &tokens)
{
    QByteArray expression;
    auto add = [&](const QString &term) {
        if (term.isEmpty())
            return;
        if (!expression.isEmpty())
            expression += " OR ";
        expression += '"' + term.toUtf8() + '"';
    };
    for (const QString &token : tokens) {
        QString term;
        for (const char32_t c : token.toUcs4()) {
            if (QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Other_PrivateUse) {
                term += QString::fromUcs4(&c, 1);
            } else {
                add(term);
                term.clear();
            }
        }
        add(term);
    }
    return expression;
}

// FTS5's bm25() constants.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

double bm25Norm(int documentLength, double averageLength)
{
    return kK1 * (1 - kB + kB * double(documentLength) / averageLength);
}

// A term's share of the score in one document, before its idf: tf × (k1 + 1) / (tf + norm).
double bm25Impact(int tf, double norm)
{
    return double(tf) * (kK1 + 1) / (double(tf) + norm);
}

struct TermCount
{
    int term;
    int count;
};

} // namespace

struct QuestionIndex::Private
{
    QByteArray uri;           // memdb database shared by this index's connections
    sqlite3 *owner = nullptr; // keeps the in-memory database alive
    int documents = 0;
    // BM25 statistics, as FTS5's bm25() keeps them: per document its terms (id and count,
    // sorted by id) and length, and the number of documents each term occurs in.
    QHash<QString, int> terms;
    QList<int> documentFrequency;
    QList<QList<TermCount>> documentTerms;
    QList<int> documentLength;
    // Per term, the largest tf × (k1 + 1) / (tf + norm) over the documents it occurs in: what
    // the term can add to any score, per unit of weight.
    QList<double> maxImpact;
    double averageLength = 0;
    mutable std::mutex mutex;
    mutable std::vector<sqlite3 *> idle;

    ~Private()
    {
        for (sqlite3 *db : idle)
            sqlite3_close_v2(db);
        if (owner)
            sqlite3_close_v2(owner);
    }

    sqlite3 *open(QString *error) const
    {
        sqlite3 *db = nullptr;
        const int rc = sqlite3_open_v2(uri.constData(), &db,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                           SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                       nullptr);
        if (rc != SQLITE_OK) {
            if (error)
                *error = sqliteError(db, QStringLiteral("Cannot open the question index")).message;
            sqlite3_close_v2(db);
            return nullptr;
        }
        return db;
    }

    sqlite3 *borrow() const
    {
        {
            std::lock_guard lock(mutex);
            if (!idle.empty()) {
                sqlite3 *db = idle.back();
                idle.pop_back();
                return db;
            }
        }
        QString error;
        sqlite3 *db = open(&error);
        if (!db)
            qCWarning(lcIndex) << error;
        return db;
    }

    void giveBack(sqlite3 *db) const
    {
        std::lock_guard lock(mutex);
        idle.push_back(db);
    }
};

QuestionIndex::QuestionIndex()
    : d(std::make_unique<Private>())
{}

QuestionIndex::~QuestionIndex() = default;

Result<std::shared_ptr<const QuestionIndex>>
QuestionIndex::build(const QList<QStringList> &documents)
{
    static QAtomicInteger<quint64> counter;
    std::shared_ptr<QuestionIndex> index(new QuestionIndex);
    Private &p = *index->d;
    // memdb lets several connections (one per searching thread) share one in-memory database.
    p.uri = QStringLiteral("file:/tandem-question-index-%1-%2?vfs=memdb")
                .arg(QCoreApplication::applicationPid())
                .arg(counter.fetchAndAddRelaxed(1))
                .toUtf8();
    QString openError;
    p.owner = p.open(&openError);
    if (!p.owner)
        return Error{QStringLiteral("index.sqlite"), openError};

    auto exec = [&](const char *sql) -> Status {
        if (sqlite3_exec(p.owner, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            return sqliteError(p.owner, QString::fromLatin1(sql));
        return {};
    };
    // Tokens arrive analysed and space-separated; unicode61 only splits them at spaces and
    // punctuation, exactly as it does the query.
    if (Status s = exec("CREATE VIRTUAL TABLE q USING fts5(tokens)"); !s)
        return s.error();
    if (Status s = exec("BEGIN"); !s)
        return s.error();
    sqlite3_stmt *insert = nullptr;
    if (sqlite3_prepare_v2(p.owner, "INSERT INTO q(rowid, tokens) VALUES (?, ?)", -1, &insert,
                           nullptr) != SQLITE_OK)
        return sqliteError(p.owner, QStringLiteral("Cannot prepare the index insert"));
    qint64 totalLength = 0;
    p.documentTerms.reserve(documents.size());
    p.documentLength.reserve(documents.size());
    for (const QStringList &document : documents) {
        QList<int> ids;
        ids.reserve(document.size());
        for (const QString &token : document) {
            if (token.isEmpty())
                continue;
            auto it = p.terms.find(token);
            if (it == p.terms.end()) {
                it = p.terms.insert(token, int(p.documentFrequency.size()));
                p.documentFrequency.append(0);
            }
            ids.append(*it);
        }
        std::sort(ids.begin(), ids.end());
        QList<TermCount> counts;
        for (const int id : std::as_const(ids)) {
            if (!counts.isEmpty() && counts.last().term == id) {
                ++counts.last().count;
            } else {
                counts.append({id, 1});
                ++p.documentFrequency[id];
            }
        }
        totalLength += ids.size();
        p.documentLength.append(int(ids.size()));
        p.documentTerms.append(counts);
    }
    p.averageLength = documents.isEmpty() ? 0 : double(totalLength) / double(documents.size());
    p.maxImpact.fill(0.0, p.documentFrequency.size());
    for (qsizetype i = 0; i < p.documentTerms.size(); ++i) {
        const double norm = bm25Norm(p.documentLength[i], p.averageLength);
        for (const TermCount &term : std::as_const(p.documentTerms[i])) {
            double &impact = p.maxImpact[term.term];
            impact = std::max(impact, bm25Impact(term.count, norm));
        }
    }
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const QByteArray text = documents.at(i).join(u' ').toUtf8();
        sqlite3_bind_int64(insert, 1, i);
        sqlite3_bind_text(insert, 2, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            const Error error = sqliteError(p.owner, QStringLiteral("Cannot index a question"));
            sqlite3_finalize(insert);
            return error;
        }
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (Status s = exec("COMMIT"); !s)
        return s.error();
    // One segment: queries then read a single b-tree per term.
    if (Status s = exec("INSERT INTO q(q) VALUES ('optimize')"); !s)
        return s.error();
    p.documents = int(documents.size());
    return std::shared_ptr<const QuestionIndex>(std::move(index));
}

QList<QuestionHit> QuestionIndex::search(const QStringList &queryTokens, int limit) const
{
    return search(queryTokens, QList<double>(queryTokens.size(), 1.0), limit);
}

QList<QuestionHit> QuestionIndex::search(const QStringList &queryTokens,
                                         const QList<double> &weights, int limit) const
{
    Q_ASSERT(weights.size() == queryTokens.size());
    QList<QuestionHit> hits;
    QStringList unique;
    QList<double> uniqueWeights;
    for (qsizetype i = 0; i < queryTokens.size(); ++i) {
        if (queryTokens[i].isEmpty() || unique.contains(queryTokens[i]))
            continue;
        unique.append(queryTokens[i]);
        uniqueWeights.append(weights.value(i, 1.0));
    }
    if (limit <= 0)
        return hits;

    // FTS5 finds every question sharing a term with the query (its inverted index); the BM25
    // score is then computed here with FTS5's formula (k1 = 1.2, b = 0.75) from statistics kept
    // in memory. Letting FTS5 rank (ORDER BY rank) costs a document-size lookup per matching
    // row and was about ten times slower on 10,000 questions.
    struct QueryTerm
    {
        int id;
        double weight; // idf × the caller's weight
        QString text;
    };
    QList<QueryTerm> queryTerms;
    const double n = d->documents;
    for (qsizetype i = 0; i < unique.size(); ++i) {
        const auto it = d->terms.constFind(unique[i]);
        if (it == d->terms.constEnd())
            continue;
        const double hit = d->documentFrequency[*it];
        const double idf = std::log((n - hit + 0.5) / (hit + 0.5));
        queryTerms.append({*it, (idf > 0 ? idf : 1e-6) * uniqueWeights[i], unique[i]});
    }
    if (queryTerms.isEmpty())
        return hits;
    // Sorted by term id, like each document's terms, so a document is scored in one merge.
    std::sort(queryTerms.begin(), queryTerms.end(),
              [](const QueryTerm &x, const QueryTerm &y) { return x.id < y.id; });

    sqlite3 *db = d->borrow();
    if (!db)
        return hits;
    sqlite3_stmt *select = nullptr;
    if (sqlite3_prepare_v3(db, "SELECT rowid FROM q WHERE q MATCH ?", -1, SQLITE_PREPARE_PERSISTENT,
                           &select, nullptr) != SQLITE_OK) {
        qCWarning(lcIndex) << sqliteError(db, QStringLiteral("Cannot search")).message;
        d->giveBack(db);
        return hits;
    }
    // Scores every document FTS5 finds for `terms` (any of them) against the whole query and
    // appends it to `hits`, except those in `skip` (sorted).
    auto collect = [&](const QStringList &terms, const QList<int> &skip) {
        const QByteArray expression = matchExpression(terms);
        sqlite3_reset(select);
        sqlite3_bind_text(select, 1, expression.constData(), int(expression.size()), SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
            const int document = int(sqlite3_column_int64(select, 0));
            if (!skip.isEmpty() && std::binary_search(skip.cbegin(), skip.cend(), document))
                continue;
            const QList<TermCount> &counts = d->documentTerms[document];
            const double norm = bm25Norm(d->documentLength[document], d->averageLength);
            double score = 0;
            auto query = queryTerms.cbegin();
            for (auto term = counts.cbegin();
                 term != counts.cend() && query != queryTerms.cend();) {
                if (term->term < query->id) {
                    ++term;
                } else if (query->id < term->term) {
                    ++query;
                } else {
                    score += query->weight * bm25Impact(term->count, norm);
                    ++term;
                    ++query;
                }
            }
            hits.append({document, score});
        }
        if (rc != SQLITE_DONE)
            qCWarning(lcIndex) << sqliteError(db, QStringLiteral("Search failed")).message;
        sqlite3_bind_null(select, 1); // `expression` is about to go away
    };
    // Best first, ties by document id so suggestions are deterministic.
    auto better = [](const QuestionHit &x, const QuestionHit &y) {
        return x.score != y.score ? x.score > y.score : x.document < y.document;
    };
    auto keepBest = [&] {
        if (hits.size() > limit) {
            std::partial_sort(hits.begin(), hits.begin() + limit, hits.end(), better);
            hits.resize(limit);
        } else {
            std::sort(hits.begin(), hits.end(), better);
        }
    };

    // Common terms (in more than 1% of the questions) make up most of the rows FTS5 returns and
    // little of any score, so they are searched last and only when they can matter (MaxScore,
    // exact): first the documents sharing a rarer term, which gives a limit-th best score θ. A
    // document with none of those terms scores at most the sum of its common terms' bounds
    // (weight × the term's largest impact in any document). The common terms with the smallest
    // bounds, as long as their sum stays below θ, cannot lift a document into the result on their
    // own; only documents with one of the other common terms are searched for next.
    QStringList rare;
    QList<const QueryTerm *> common;
    for (const QueryTerm &term : std::as_const(queryTerms)) {
        if (double(d->documentFrequency[term.id]) * 100 > n)
            common.append(&term);
        else
            rare.append(term.text);
    }
    auto bound = [&](const QueryTerm *term) { return term->weight * d->maxImpact[term->id]; };
    if (rare.isEmpty() || common.isEmpty() || limit >= d->documents) {
        QStringList all = rare;
        for (const QueryTerm *term : std::as_const(common))
            all.append(term->text);
        collect(all, {});
        keepBest();
    } else {
        collect(rare, {});
        keepBest();
        const double theta = hits.size() == limit ? hits.last().score : 0;
        std::sort(common.begin(), common.end(),
                  [&](const QueryTerm *x, const QueryTerm *y) { return bound(x) < bound(y); });
        double negligible = 0;
        QStringList needed;
        for (const QueryTerm *term : std::as_const(common)) {
            if (needed.isEmpty() && negligible + bound(term) < theta)
                negligible += bound(term);
            else
                needed.append(term->text);
        }
        if (!needed.isEmpty()) {
            QList<int> seen;
            seen.reserve(hits.size());
            for (const QuestionHit &hit : std::as_const(hits))
                seen.append(hit.document);
            std::sort(seen.begin(), seen.end());
            collect(needed, seen);
            keepBest();
        }
    }
    sqlite3_finalize(select);
    d->giveBack(db);
    return hits;
}

int QuestionIndex::documentCount() const
{
    return d->documents;
}

} // namespace tandem
