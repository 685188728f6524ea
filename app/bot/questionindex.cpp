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

} // namespace

struct QuestionIndex::Private
{
    QByteArray uri;           // memdb database shared by this index's connections
    sqlite3 *owner = nullptr; // keeps the in-memory database alive
    int documents = 0;
    // BM25 statistics, as FTS5's bm25() keeps them: per-document term ids and lengths, and the
    // number of documents each term occurs in.
    QHash<QString, int> terms;
    QList<int> documentFrequency;
    QList<QList<int>> documentTerms;
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
            if (!ids.contains(*it))
                ++p.documentFrequency[*it];
            ids.append(*it);
        }
        totalLength += ids.size();
        p.documentTerms.append(ids);
    }
    p.averageLength = documents.isEmpty() ? 0 : double(totalLength) / double(documents.size());
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
    const QByteArray expression = matchExpression(unique);
    if (expression.isEmpty() || limit <= 0)
        return hits;

    // FTS5 finds every question sharing a term with the query (its inverted index); the BM25
    // score is then computed here with FTS5's formula (k1 = 1.2, b = 0.75) from statistics kept
    // in memory. Letting FTS5 rank (ORDER BY rank) costs a document-size lookup per matching
    // row and was about ten times slower on 10,000 questions.
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    QList<QPair<int, double>> queryTerms; // term id, idf
    const double n = d->documents;
    for (qsizetype i = 0; i < unique.size(); ++i) {
        const auto it = d->terms.constFind(unique[i]);
        if (it == d->terms.constEnd())
            continue;
        const double hit = d->documentFrequency[*it];
        const double idf = std::log((n - hit + 0.5) / (hit + 0.5));
        queryTerms.append({*it, (idf > 0 ? idf : 1e-6) * uniqueWeights[i]});
    }
    if (queryTerms.isEmpty())
        return hits;

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
    sqlite3_bind_text(select, 1, expression.constData(), int(expression.size()), SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
        const int document = int(sqlite3_column_int64(select, 0));
        const QList<int> &terms = d->documentTerms[document];
        const double norm = k1 * (1 - b + b * double(terms.size()) / d->averageLength);
        double score = 0;
        for (const auto &[term, idf] : std::as_const(queryTerms)) {
            const auto tf = double(std::count(terms.cbegin(), terms.cend(), term));
            if (tf > 0)
                score += idf * tf * (k1 + 1) / (tf + norm);
        }
        hits.append({document, score});
    }
    if (rc != SQLITE_DONE)
        qCWarning(lcIndex) << sqliteError(db, QStringLiteral("Search failed")).message;
    sqlite3_finalize(select);
    d->giveBack(db);

    // Best first, ties by document id so suggestions are deterministic.
    auto better = [](const QuestionHit &x, const QuestionHit &y) {
        return x.score != y.score ? x.score > y.score : x.document < y.document;
    };
    if (hits.size() > limit) {
        std::partial_sort(hits.begin(), hits.begin() + limit, hits.end(), better);
        hits.resize(limit);
    } else {
        std::sort(hits.begin(), hits.end(), better);
    }
    return hits;
}

int QuestionIndex::documentCount() const
{
    return d->documents;
}

} // namespace tandem
