#include "cannedresponses.h"

#include "hubconnection.h"
#include "textanalysis.h"

#include <QJsonArray>

#include <algorithm>

namespace tandem {

QString foldForMatching(const QString &text)
{
    return TextAnalyzer::instance().foldToSimplified(
        text.normalized(QString::NormalizationForm_KC).toCaseFolded());
}

CannedResponses::CannedResponses(HubConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(&connection, &HubConnection::synchronised, this, [this] {
        if (m_enabled)
            refresh();
    });
    connect(&connection, &HubConnection::eventReceived, this, [this](const Event &e) {
        if (!m_enabled || e.kind != QLatin1String("canned.updated"))
            return;
        const qint64 owner = e.payload.value(QStringLiteral("ownerId")).toInteger();
        if (owner == 0 || owner == m_connection.user().id)
            refresh();
    });
    connect(&connection, &HubConnection::commandSucceeded, this,
            [this](const QString &id, const QJsonObject &ack) {
                if (id != m_request)
                    return;
                m_request.clear();
                m_all.clear();
                m_folded.clear();
                for (const QJsonValue &v : ack.value(QStringLiteral("responses")).toArray()) {
                    m_all.append(CannedResponse::fromJson(v.toObject()));
                    m_folded.append(foldForMatching(m_all.last().shortcut + QLatin1Char(' ') +
                                                    m_all.last().title));
                }
                emit changed();
            });
}

CannedResponse CannedResponses::byId(qint64 id) const
{
    for (const CannedResponse &r : m_all) {
        if (r.id == id)
            return r;
    }
    return {};
}

QList<CannedResponse> CannedResponses::matching(const QString &query, const QString &language,
                                                int limit) const
{
    const QString folded = foldForMatching(query);
    const QStringList words = folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    struct Hit
    {
        int rank;
        qsizetype index;
    };
    QList<Hit> hits;
    for (qsizetype i = 0; i < m_all.size(); ++i) {
        const QString &hay = m_folded.at(i);
        if (!std::all_of(words.cbegin(), words.cend(),
                         [&](const QString &w) { return hay.contains(w); }))
            continue;
        const bool prefix = !folded.isEmpty() && hay.startsWith(folded);
        const bool sameLanguage = !language.isEmpty() && m_all.at(i).language == language;
        hits.append({(prefix ? 0 : 2) + (sameLanguage ? 0 : 1), i});
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const Hit &a, const Hit &b) { return a.rank < b.rank; });
    QList<CannedResponse> result;
    for (const Hit &h : std::as_const(hits)) {
        if (result.size() >= limit)
            break;
        result.append(m_all.at(h.index));
    }
    return result;
}

void CannedResponses::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (enabled && m_connection.state() == HubConnection::State::Connected)
        refresh();
}

void CannedResponses::refresh()
{
    m_request = m_connection.command(QStringLiteral("canned.list"), {});
}

QString CannedResponses::save(const CannedResponse &response, bool shared)
{
    QJsonObject json = response.toJson();
    json.remove(QStringLiteral("updatedAtMs"));
    json.remove(QStringLiteral("ownerId"));
    json.insert(QStringLiteral("shared"), shared);
    if (!response.id)
        json.remove(QStringLiteral("id"));
    return m_connection.command(QStringLiteral("canned.save"),
                                {{QStringLiteral("response"), json}});
}

QString CannedResponses::remove(qint64 id)
{
    return m_connection.command(QStringLiteral("canned.delete"),
                                {{QStringLiteral("cannedId"), id}});
}

} // namespace tandem
