#include "suggester.h"

#include <QLoggingCategory>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcSuggester, "tandem.bot.suggester", QtInfoMsg)
}

struct Suggester::Jobs
{
    std::mutex mutex;
    std::condition_variable idle;
    std::optional<QList<SuggestionSource>> pending; // the latest request not yet started
    bool running = false;
    std::thread worker;
};

Suggester::Suggester(SuggesterOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_jobs(std::make_unique<Jobs>())
{}

Suggester::~Suggester()
{
    {
        std::unique_lock lock(m_jobs->mutex);
        m_jobs->pending.reset(); // nobody will use a model trained after this point
        m_jobs->idle.wait(lock, [this] { return !m_jobs->running; });
    }
    if (m_jobs->worker.joinable())
        m_jobs->worker.join();
}

std::shared_ptr<const SuggestionModel> Suggester::model() const
{
    return m_model.load();
}

SuggestionResult Suggester::suggest(const QString &text, const QStringList &context, int k) const
{
    if (const std::shared_ptr<const SuggestionModel> current = m_model.load())
        return current->suggest(text, context, k);
    return {};
}

void Suggester::retrain(const QList<SuggestionSource> &sources)
{
    std::lock_guard lock(m_jobs->mutex);
    m_jobs->pending = sources;
    if (m_jobs->running)
        return; // the running worker picks the latest request up when it finishes
    if (m_jobs->worker.joinable())
        m_jobs->worker.join(); // finished: it cleared `running` as its last step
    m_jobs->running = true;
    m_jobs->worker = std::thread([this] { startNext(); });
}

bool Suggester::isTraining() const
{
    std::lock_guard lock(m_jobs->mutex);
    return m_jobs->running;
}

void Suggester::waitForIdle() const
{
    std::unique_lock lock(m_jobs->mutex);
    m_jobs->idle.wait(lock, [this] { return !m_jobs->running; });
}

// Worker thread: trains until no request is pending. The current model keeps answering
// throughout; a new one replaces it in one atomic store.
void Suggester::startNext()
{
    for (;;) {
        QList<SuggestionSource> sources;
        {
            std::lock_guard lock(m_jobs->mutex);
            if (!m_jobs->pending) {
                m_jobs->running = false;
                m_jobs->idle.notify_all();
                return;
            }
            sources = std::move(*m_jobs->pending);
            m_jobs->pending.reset();
        }
        Result<std::shared_ptr<const SuggestionModel>> trained =
            SuggestionModel::train(sources, m_options);
        if (!trained) {
            qCWarning(lcSuggester) << "suggestion training failed:" << trained.error().message;
            const Error error = trained.error();
            QMetaObject::invokeMethod(
                this, [this, error] { emit trainingFailed(error); }, Qt::QueuedConnection);
            continue;
        }
        const std::shared_ptr<const SuggestionModel> model = trained.value();
        m_model.store(model);
        const QString version = model->version();
        const SuggesterReport report = model->report();
        QMetaObject::invokeMethod(
            this, [this, version, report] { emit modelReady(version, report); },
            Qt::QueuedConnection);
    }
}

} // namespace tandem
