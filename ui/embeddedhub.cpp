#include "embeddedhub.h"

#include "democanned.h"
#include "hub.h"
#include "kbfile.h"

#include <QDateTime>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

namespace tandem {

namespace {

/// The local account is named after the person logged in to this computer.
QString localUsername()
{
    QString name = qEnvironmentVariable("USER");
    name.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9._@-]")));
    return name.isEmpty() ? QStringLiteral("me") : name.left(64);
}

} // namespace

EmbeddedHub::EmbeddedHub(QObject *parent)
    : QObject(parent)
{}
EmbeddedHub::~EmbeddedHub() = default;

Result<std::unique_ptr<EmbeddedHub>> EmbeddedHub::start(const QString &dataDir, QObject *parent)
{
    const QString dir = dataDir.isEmpty()
                            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                            : dataDir;
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("internal"),
                     QObject::tr("Cannot create the data folder %1").arg(dir)};
    std::unique_ptr<EmbeddedHub> embedded(new EmbeddedHub(parent));
    embedded->m_databasePath = QDir(dir).filePath(QStringLiteral("embedded.db"));

    HubConfig config;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    config.database.kind = DatabaseUrl::Kind::Sqlite;
    config.database.path = embedded->m_databasePath;
    auto hub = Hub::start(config, embedded.get());
    if (!hub.ok())
        return hub.error();
    embedded->m_hub = std::move(hub.value());
    // A fresh embedded hub starts with the demo knowledge base so the bot has answers at once.
    if (auto count = embedded->m_hub->store().articleCount(); count.ok() && count.value() == 0) {
        auto kb =
            kbfile::importFile(embedded->m_hub->store(), QStringLiteral(":/tandem/kb/demo-kb.json"),
                               kbfile::Format::Json, QDateTime::currentMSecsSinceEpoch());
        if (!kb.ok())
            return kb.error();
        embedded->m_hub->retrainSuggestions(); // the latest request wins over the empty start
    }
    if (Status s =
            seedDemoCannedResponses(embedded->m_hub->store(), QDateTime::currentMSecsSinceEpoch());
        !s.ok())
        return s.error();
    embedded->m_username = localUsername();
    auto token = embedded->m_hub->createLocalSession(embedded->m_username, embedded->m_username,
                                                     Role::Admin);
    if (!token.ok())
        return token.error();
    embedded->m_token = token.value();
    return embedded;
}

QUrl EmbeddedHub::baseUrl() const
{
    return m_hub->baseUrl();
}
QUrl EmbeddedHub::chatUrl() const
{
    return m_hub->chatUrl();
}

} // namespace tandem
