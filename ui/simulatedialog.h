#pragma once

#include <QDialog>
#include <QUrl>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace tandem {

class CustomerSimulator;

/// Tools → Simulate customers: real customer connections that speak from the bilingual demo
/// script, so the queue fills as it would on a real day.
class SimulateDialog : public QDialog
{
    Q_OBJECT
public:
    SimulateDialog(const QUrl &hub, QWidget *parent = nullptr);
    ~SimulateDialog() override;

    void startSimulation();
    void stopSimulation();
    CustomerSimulator *simulator() const { return m_simulator.get(); }

private:
    void updateStats();

    QUrl m_hub;
    QSpinBox *m_customers;
    QDoubleSpinBox *m_rate;
    QDoubleSpinBox *m_speed;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_stats;
    std::unique_ptr<CustomerSimulator> m_simulator;
};

} // namespace tandem
