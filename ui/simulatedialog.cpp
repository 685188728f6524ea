#include "simulatedialog.h"

#include "messagebox.h"
#include "simulator.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tandem {

SimulateDialog::SimulateDialog(const QUrl &hub, QWidget *parent)
    : QDialog(parent)
    , m_hub(hub)
    , m_customers(new QSpinBox(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_speed(new QDoubleSpinBox(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_stop(new QPushButton(tr("S&top"), this))
    , m_stats(new QLabel(this))
{
    setWindowTitle(tr("Simulate customers"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Opens real customer connections to %1 that write in Simplified Chinese, "
           "Traditional Chinese and English — including impatient and unhappy customers.")
            .arg(hub.toString()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_customers->setRange(1, 10000);
    m_customers->setValue(20);
    m_rate->setRange(0.1, 6000);
    m_rate->setValue(12);
    m_rate->setSuffix(tr(" per minute"));
    m_speed->setRange(0.1, 20);
    m_speed->setValue(1);
    m_speed->setSuffix(QStringLiteral("×"));
    form->addRow(tr("&Customers:"), m_customers);
    form->addRow(tr("&Arrival rate:"), m_rate);
    form->addRow(tr("S&peed:"), m_speed);
    layout->addLayout(form);
    m_stats->setWordWrap(true);
    layout->addWidget(m_stats);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_stop, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    m_customers->setAccessibleName(tr("Number of customers"));
    m_rate->setAccessibleName(tr("New customers per minute"));
    m_speed->setAccessibleName(tr("Speed of the script"));
    m_stop->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_start, &QPushButton::clicked, this, &SimulateDialog::startSimulation);
    connect(m_stop, &QPushButton::clicked, this, &SimulateDialog::stopSimulation);
    updateStats();
}

SimulateDialog::~SimulateDialog() = default;

void SimulateDialog::startSimulation()
{
    auto script = SimulationScript::builtIn();
    if (!script.ok()) {
        MessageBox::warning(this, windowTitle(), script.error().message);
        return;
    }
    m_simulator = std::make_unique<CustomerSimulator>(m_hub, script.value());
    connect(m_simulator.get(), &CustomerSimulator::statsChanged, this,
            &SimulateDialog::updateStats);
    connect(m_simulator.get(), &CustomerSimulator::finished, this, [this] {
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
        updateStats();
    });
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_simulator->start(m_rate->value(), m_customers->value(), 1.0 / m_speed->value());
}

void SimulateDialog::stopSimulation()
{
    if (m_simulator)
        m_simulator->stop();
}

void SimulateDialog::updateStats()
{
    if (!m_simulator) {
        m_stats->setText(tr("Not running."));
        return;
    }
    const auto &s = m_simulator->stats();
    m_stats->setText(tr("%1 customers started, %2 writing now · %3 of %4 messages delivered · %5 "
                        "replies received")
                         .arg(s.started)
                         .arg(s.active)
                         .arg(s.messagesAcknowledged)
                         .arg(s.messagesSent)
                         .arg(s.repliesReceived));
}

} // namespace tandem
