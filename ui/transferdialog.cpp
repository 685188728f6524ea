#include "transferdialog.h"

#include "hubconnection.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

TransferDialog::TransferDialog(HubConnection &connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_people(new QListWidget(this))
    , m_note(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Transfer conversation"));
    auto *layout = new QVBoxLayout(this);
    auto *peopleLabel = new QLabel(tr("&Colleague:"), this);
    peopleLabel->setBuddy(m_people);
    layout->addWidget(peopleLabel);
    layout->addWidget(m_people, 1);
    auto *noteLabel = new QLabel(tr("&Note for them (not shown to the customer):"), this);
    noteLabel->setBuddy(m_note);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Transfer"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(buttons);
    m_people->setAccessibleName(tr("Colleagues"));
    m_note->setAccessibleName(tr("Transfer note"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_people, &QListWidget::currentRowChanged, this,
            [buttons](int row) { buttons->button(QDialogButtonBox::Ok)->setEnabled(row >= 0); });
    connect(m_people, &QListWidget::itemActivated, this, &QDialog::accept);
    connect(&m_connection, &HubConnection::commandSucceeded, this,
            [this](const QString &id, const QJsonObject &ack) {
                if (id != m_request)
                    return;
                const QString me = m_connection.user().username;
                for (const QJsonValue &v : ack.value(QStringLiteral("users")).toArray()) {
                    const QJsonObject u = v.toObject();
                    const QString role = u.value(QStringLiteral("role")).toString();
                    if (u.value(QStringLiteral("username")).toString() == me ||
                        role == QLatin1String("trainer"))
                        continue;
                    const QString name = u.value(QStringLiteral("displayName")).toString();
                    const QString text =
                        tr("%1 (%2) · %3 · %n conversation(s)", nullptr,
                           u.value(QStringLiteral("assigned")).toInt())
                            .arg(name, u.value(QStringLiteral("username")).toString(),
                                 u.value(QStringLiteral("online")).toBool() ? tr("online")
                                                                            : tr("offline"));
                    auto *item = new QListWidgetItem(text, m_people);
                    item->setData(Qt::UserRole, u.value(QStringLiteral("username")).toString());
                }
                m_status->setText(m_people->count()
                                      ? QString()
                                      : tr("Nobody else can take conversations right now."));
                m_people->setCurrentRow(m_people->count() ? 0 : -1);
            });
    connect(&m_connection, &HubConnection::commandFailed, this,
            [this](const QString &id, const Error &error) {
                if (id == m_request)
                    m_status->setText(tr("Could not load colleagues: %1").arg(error.message));
            });
    resize(460, 380);
    load();
}

void TransferDialog::load()
{
    m_status->setText(tr("Loading colleagues…"));
    m_request = m_connection.command(QStringLiteral("users"), {});
}

QString TransferDialog::username() const
{
    const QListWidgetItem *item = m_people->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QString TransferDialog::note() const
{
    return m_note->text().trimmed();
}

} // namespace tandem
