#include "engine.h"

#include "commands.h"
#include "protocol.h"

#include <QDateTime>
#include <QLoggingCategory>

namespace tandem {

Q_LOGGING_CATEGORY(lcEngine, "tandem.hub.engine", QtInfoMsg)

namespace {
const QString kSavepoint = QStringLiteral("cmd");

Error internalError(const Error &e)
{
    return Error{QString::fromLatin1(protocol::errc::Internal), e.message};
}
} // namespace

Engine::Engine(Store &store, HubSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
    , m_sentiment(std::make_shared<const HybridSentiment>())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &Engine::flush);
}

Engine::~Engine()
{
    flush();
}

void Engine::setSentiment(std::shared_ptr<const HybridSentiment> sentiment)
{
    if (!sentiment)
        sentiment = std::make_shared<const HybridSentiment>();
    const QMutexLocker lock(&m_sentimentMutex);
    m_sentiment.swap(sentiment); // the old scorer is freed after the lock is released
}

std::shared_ptr<const HybridSentiment> Engine::sentiment() const
{
    const QMutexLocker lock(&m_sentimentMutex);
    return m_sentiment;
}

void Engine::setSuggestions(std::shared_ptr<const SuggestionModel> model)
{
    const QMutexLocker lock(&m_sentimentMutex);
    m_suggestions.swap(model); // the old model is freed after the lock is released
}

std::shared_ptr<const SuggestionModel> Engine::suggestions() const
{
    const QMutexLocker lock(&m_sentimentMutex);
    return m_suggestions;
}

void Engine::submit(const Actor &actor, const QString &type, const QString &commandId,
                    const QJsonObject &args, QObject *context, Done done)
{
    Pending p;
    p.actor = actor;
    p.type = type;
    p.commandId = commandId;
    p.args = args;
    p.context = context;
    p.hasContext = context != nullptr;
    p.done = std::move(done);
    m_queue.append(std::move(p));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

Result<QJsonObject> Engine::execute(const Actor &actor, const QString &type,
                                    const QString &commandId, const QJsonObject &args)
{
    flush();
    std::optional<Result<QJsonObject>> outcome;
    submit(actor, type, commandId, args, nullptr,
           [&outcome](const Result<QJsonObject> &r) { outcome = r; });
    flush();
    return outcome.value_or(Result<QJsonObject>::failure(
        QString::fromLatin1(protocol::errc::Internal), QStringLiteral("command was not applied")));
}

void Engine::applyOne(Pending &p, QList<Event> &events)
{
    if (!p.commandId.isEmpty()) {
        auto previous = m_store.commandOutcome(p.actor.dedupeKey(), p.commandId);
        if (!previous.ok()) {
            p.outcome = internalError(previous.error());
            return;
        }
        if (previous.value().has_value()) {
            QJsonObject replay = *previous.value();
            replay.insert(QStringLiteral("duplicate"), true);
            p.outcome = replay;
            return;
        }
    }

    if (Status s = m_store.savepoint(kSavepoint); !s.ok()) {
        p.outcome = internalError(s.error());
        return;
    }
    const qsizetype firstEvent = events.size();
    const std::shared_ptr<const HybridSentiment> scorer = sentiment();
    const std::shared_ptr<const SuggestionModel> suggester = suggestions();
    commands::Context ctx{
        m_store, m_settings, p.actor,        p.args, QDateTime::currentMSecsSinceEpoch(),
        events,  *scorer,    suggester.get()};
    p.outcome = commands::apply(p.type, ctx);
    if (p.outcome.ok() && !p.commandId.isEmpty()) {
        if (Status s = m_store.recordCommand(p.actor.dedupeKey(), p.commandId, p.outcome.value(),
                                             ctx.nowMs);
            !s.ok())
            p.outcome = internalError(s.error());
    }
    if (!p.outcome.ok()) {
        events.resize(firstEvent);
        if (Status s = m_store.rollbackToSavepoint(kSavepoint); !s.ok())
            qCWarning(lcEngine) << "rollback to savepoint failed:" << s.error().message;
    }
    if (Status s = m_store.releaseSavepoint(kSavepoint); !s.ok())
        qCWarning(lcEngine) << "release savepoint failed:" << s.error().message;
}

void Engine::flush()
{
    m_flushTimer.stop();
    if (m_queue.isEmpty())
        return;
    QList<Pending> batch;
    batch.swap(m_queue);

    QList<Event> events;
    Status begun = m_store.begin();
    if (begun.ok()) {
        for (Pending &p : batch)
            applyOne(p, events);
        Status committed = m_store.commit();
        if (!committed.ok()) {
            qCWarning(lcEngine) << "commit failed, nothing applied:" << committed.error().message;
            m_store.rollback();
            events.clear();
            for (Pending &p : batch)
                p.outcome = internalError(committed.error());
        }
    } else {
        qCWarning(lcEngine) << "cannot begin a transaction:" << begun.error().message;
        for (Pending &p : batch)
            p.outcome = internalError(begun.error());
    }

    if (!events.isEmpty())
        emit committed(events);
    for (Pending &p : batch) {
        if (p.hasContext && !p.context)
            continue;
        if (p.done)
            p.done(p.outcome);
    }
}

} // namespace tandem
