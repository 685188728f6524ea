#pragma once

#include "result.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace tandem {

/// One scripted customer: who they are and what they say, with pauses between messages.
struct SimulatedCustomer
{
    struct Turn
    {
        QString text;
        int delayMs = 0; // pause after the previous turn
    };
    QString id;
    QString name;
    QString locale;
    QString mood; // calm, impatient, unhappy, angry, confused
    QList<Turn> turns;
};

/// The demo script (resources/simulation/demo-customers.json) or any file in that format.
struct SimulationScript
{
    QList<SimulatedCustomer> customers;

    static Result<SimulationScript> fromJson(const QByteArray &json);
    static Result<SimulationScript> fromFile(const QString &path);
    /// The bilingual demo script compiled into Tandem.
    static Result<SimulationScript> builtIn();
};

/// Opens real customer WebSocket connections to a hub and has them speak from a script, so the
/// queue fills as it would on a real day.
class CustomerSimulator : public QObject
{
    Q_OBJECT
public:
    struct Stats
    {
        int started = 0;
        int active = 0;
        int finished = 0;
        int messagesSent = 0;
        int messagesAcknowledged = 0;
        int repliesReceived = 0;
        int errors = 0;
    };

    CustomerSimulator(const QUrl &hub, SimulationScript script, QObject *parent = nullptr);
    ~CustomerSimulator() override;

    /// Starts `customersPerMinute` new customers a minute until `total` have started.
    /// `timeScale` < 1 shortens the script's pauses (tests, demos).
    void start(double customersPerMinute, int total, double timeScale = 1.0, quint32 seed = 0);
    void stop();
    bool isRunning() const { return m_timer.isActive() || m_stats.active > 0; }
    const Stats &stats() const { return m_stats; }

signals:
    void statsChanged();
    /// Every started customer has finished its script (or stop() was called).
    void finished();
    void failed(const QString &message);

private:
    class Customer;
    void launchOne();
    void customerDone(Customer *customer);

    QUrl m_wsUrl;
    SimulationScript m_script;
    QTimer m_timer;
    int m_total = 0;
    double m_timeScale = 1.0;
    QRandomGenerator m_random;
    Stats m_stats;
    QList<Customer *> m_customers;
};

} // namespace tandem
