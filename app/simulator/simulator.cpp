#include "simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>
#include <QWebSocket>

namespace tandem {

Q_LOGGING_CATEGORY(lcSimulator, "tandem.simulator", QtInfoMsg)

namespace {

Result<SimulationScript> invalid(const QString &what)
{
    return Result<SimulationScript>::failure(QStringLiteral("invalid_argument"),
                                             QStringLiteral("simulation script: ") + what);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

Result<SimulationScript> SimulationScript::fromJson(const QByteArray &json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return invalid(
            QStringLiteral("invalid JSON at offset %1: %2").arg(pe.offset).arg(pe.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("tandem-simulation"))
        return invalid(QStringLiteral("\"format\" must be \"tandem-simulation\""));
    SimulationScript script;
    const QJsonArray customers = root.value(QStringLiteral("customers")).toArray();
    for (qsizetype i = 0; i < customers.size(); ++i) {
        const QJsonObject o = customers.at(i).toObject();
        SimulatedCustomer c;
        c.id = o.value(QStringLiteral("id")).toString();
        c.name = o.value(QStringLiteral("name")).toString();
        c.locale = o.value(QStringLiteral("locale")).toString();
        c.mood = o.value(QStringLiteral("mood")).toString();
        const QJsonArray turns = o.value(QStringLiteral("turns")).toArray();
        for (const QJsonValue &t : turns) {
            const QString text = t.toObject().value(QStringLiteral("text")).toString();
            const int delay = t.toObject().value(QStringLiteral("delayMs")).toInt();
            if (text.trimmed().isEmpty() || delay < 0 || delay > 600000)
                return invalid(
                    QStringLiteral("customer %1 (%2) has a turn without text or with a bad delay")
                        .arg(i + 1)
                        .arg(c.id));
            c.turns.append({text, delay});
        }
        if (c.id.isEmpty() || c.turns.isEmpty())
            return invalid(
                QStringLiteral("customer %1 needs an \"id\" and at least one turn").arg(i + 1));
        script.customers.append(c);
    }
    if (script.customers.isEmpty())
        return invalid(QStringLiteral("no customers"));
    return script;
}

Result<SimulationScript> SimulationScript::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return fromJson(f.readAll());
}

Result<SimulationScript> SimulationScript::builtIn()
{
    return fromFile(QStringLiteral(":/tandem/simulation/demo-customers.json"));
}

/// One simulated customer: a real /ws/customer connection following its script.
class CustomerSimulator::Customer : public QObject
{
public:
    Customer(CustomerSimulator *owner, const QUrl &url, const SimulatedCustomer &script,
             double timeScale)
        : m_owner(owner)
        , m_script(script)
        , m_timeScale(timeScale)
    {
        m_turnTimer.setSingleShot(true);
        connect(&m_turnTimer, &QTimer::timeout, this, &Customer::sendTurn);
        connect(&m_socket, &QWebSocket::connected, this, [this] {
            send({{QStringLiteral("type"), QStringLiteral("hello")},
                  {QStringLiteral("customerKey"), QString(newId() + newId())},
                  {QStringLiteral("name"), m_script.name},
                  {QStringLiteral("locale"), m_script.locale}});
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Customer::onFrame);
        connect(&m_socket, &QWebSocket::disconnected, this,
                [this] { m_owner->customerDone(this); });
        m_socket.open(url);
    }

    void stop()
    {
        m_turnTimer.stop();
        m_socket.close();
    }

private:
    void send(QJsonObject frame)
    {
        frame.insert(QStringLiteral("v"), 1);
        frame.insert(QStringLiteral("id"), newId());
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    void scheduleNextTurn()
    {
        if (m_next >= m_script.turns.size()) {
            // Stay a while so agents' replies arrive, as a real customer would wait.
            m_turnTimer.disconnect();
            connect(&m_turnTimer, &QTimer::timeout, this, [this] { m_socket.close(); });
            m_turnTimer.start(int(60000 * m_timeScale));
            return;
        }
        m_turnTimer.start(int(m_script.turns.at(m_next).delayMs * m_timeScale));
    }

    void sendTurn()
    {
        send({{QStringLiteral("type"), QStringLiteral("message")},
              {QStringLiteral("text"), m_script.turns.at(m_next).text}});
        ++m_next;
        ++m_owner->m_stats.messagesSent;
        emit m_owner->statsChanged();
        scheduleNextTurn();
    }

    void onFrame(const QString &text)
    {
        const QJsonObject f = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = f.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("ack") && !m_helloDone) {
            m_helloDone = true;
            scheduleNextTurn();
        } else if (type == QLatin1String("ack")) {
            ++m_owner->m_stats.messagesAcknowledged;
        } else if (type == QLatin1String("error")) {
            ++m_owner->m_stats.errors;
            qCDebug(lcSimulator) << m_script.id << "got an error:"
                                 << f.value(QStringLiteral("message")).toString();
        } else if (type == QLatin1String("message")) {
            const QString sender = f.value(QStringLiteral("message"))
                                       .toObject()
                                       .value(QStringLiteral("sender"))
                                       .toString();
            if (sender != QLatin1String("customer"))
                ++m_owner->m_stats.repliesReceived;
        } else if (type == QLatin1String("state") &&
                   f.value(QStringLiteral("conversation"))
                           .toObject()
                           .value(QStringLiteral("state"))
                           .toString() == QLatin1String("closed")) {
            stop();
            return;
        }
        emit m_owner->statsChanged();
    }

    CustomerSimulator *m_owner;
    SimulatedCustomer m_script;
    double m_timeScale;
    QWebSocket m_socket;
    QTimer m_turnTimer;
    qsizetype m_next = 0;
    bool m_helloDone = false;
};

CustomerSimulator::CustomerSimulator(const QUrl &hub, SimulationScript script, QObject *parent)
    : QObject(parent)
    , m_script(std::move(script))
{
    m_wsUrl = hub;
    m_wsUrl.setScheme(hub.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                             : QStringLiteral("ws"));
    m_wsUrl.setPath(QStringLiteral("/ws/customer"));
    connect(&m_timer, &QTimer::timeout, this, &CustomerSimulator::launchOne);
}

CustomerSimulator::~CustomerSimulator()
{
    m_timer.stop();
    const auto customers = m_customers;
    for (Customer *c : customers) {
        c->disconnect();
        delete c;
    }
}

void CustomerSimulator::start(double customersPerMinute, int total, double timeScale, quint32 seed)
{
    m_total = total;
    m_timeScale = timeScale;
    m_random.seed(seed ? seed : QRandomGenerator::global()->generate());
    m_timer.setInterval(std::max(1, int(60000.0 / std::max(0.01, customersPerMinute))));
    m_timer.start();
    launchOne();
}

void CustomerSimulator::stop()
{
    m_timer.stop();
    const auto customers = m_customers;
    for (Customer *c : customers)
        c->stop();
    if (m_customers.isEmpty())
        emit finished();
}

void CustomerSimulator::launchOne()
{
    if (m_stats.started >= m_total) {
        m_timer.stop();
        return;
    }
    const SimulatedCustomer &script =
        m_script.customers.at(int(m_random.bounded(quint32(m_script.customers.size()))));
    m_customers.append(new Customer(this, m_wsUrl, script, m_timeScale));
    ++m_stats.started;
    ++m_stats.active;
    emit statsChanged();
}

void CustomerSimulator::customerDone(Customer *customer)
{
    if (!m_customers.removeOne(customer))
        return;
    customer->deleteLater();
    --m_stats.active;
    ++m_stats.finished;
    emit statsChanged();
    if (m_customers.isEmpty() && !m_timer.isActive())
        emit finished();
}

} // namespace tandem
