#include "canneddialog.h"

#include "client.h"
#include "knowledge.h"
#include "language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

CannedDialog::CannedDialog(Client &client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_list(new QListWidget(this))
    , m_shortcut(new QLineEdit(this))
    , m_title(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_shared(new QCheckBox(this))
    , m_variables(new QLabel(this))
    , m_status(new QLabel(this))
    , m_new(new QPushButton(this))
    , m_save(new QPushButton(this))
    , m_delete(new QPushButton(this))
    , m_close(new QPushButton(this))
    , m_shortcutLabel(new QLabel(this))
    , m_titleLabel(new QLabel(this))
    , m_languageLabel(new QLabel(this))
    , m_textLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("CannedDialog"));
    for (const QString &code : kb::languages())
        m_language->addItem(Language::nativeName(QString(code).replace(QLatin1Char('-'), u'_')),
                            code);
    m_shortcut->setMaxLength(canned::kMaxShortcut);
    m_title->setMaxLength(canned::kMaxTitle);
    m_variables->setWordWrap(true);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(m_shortcutLabel, m_shortcut);
    form->addRow(m_titleLabel, m_title);
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_textLabel, m_text);
    form->addRow(QString(), m_variables);
    form->addRow(QString(), m_shared);
    m_shortcutLabel->setBuddy(m_shortcut);
    m_titleLabel->setBuddy(m_title);
    m_languageLabel->setBuddy(m_language);
    m_textLabel->setBuddy(m_text);

    auto *right = new QVBoxLayout;
    right->addLayout(form, 1);
    right->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_close);
    right->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list, 2);
    layout->addLayout(right, 3);
    m_save->setDefault(true);

    connect(m_new, &QPushButton::clicked, this, &CannedDialog::startNew);
    connect(m_save, &QPushButton::clicked, this, &CannedDialog::save);
    connect(m_delete, &QPushButton::clicked, this, &CannedDialog::remove);
    connect(m_close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_list, &QListWidget::currentRowChanged, this, &CannedDialog::showSelected);
    connect(&client.cannedResponses(), &CannedResponses::changed, this, &CannedDialog::reload);
    connect(&client.connection(), &HubConnection::commandSucceeded, this,
            [this](const QString &id, const QJsonObject &ack) {
                if (id != m_pending)
                    return;
                m_pending.clear();
                const QJsonObject saved = ack.value(QStringLiteral("response")).toObject();
                m_editing = saved.value(QStringLiteral("id")).toInteger();
                m_status->setText(saved.isEmpty() ? tr("Deleted.") : tr("Saved."));
            });
    connect(&client.connection(), &HubConnection::commandFailed, this,
            [this](const QString &id, const Error &error) {
                if (id != m_pending)
                    return;
                m_pending.clear();
                m_status->setText(tr("Not saved: %1").arg(error.message));
            });
    retranslate();
    resize(820, 480);
    reload();
    startNew();
}

void CannedDialog::reload()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    int current = -1;
    for (const CannedResponse &r : m_client.cannedResponses().all()) {
        auto *item = new QListWidgetItem(
            QStringLiteral("/%1 — %2 (%3)").arg(r.shortcut, r.title, r.language), m_list);
        if (r.isShared())
            item->setText(item->text() + QStringLiteral(" · ") + tr("shared"));
        item->setData(kIdRole, r.id);
        item->setToolTip(r.text);
        if (r.id == m_editing)
            current = m_list->count() - 1;
    }
    m_list->setCurrentRow(current);
    updateEditable();
}

void CannedDialog::showSelected()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const CannedResponse r = m_client.cannedResponses().byId(item->data(kIdRole).toLongLong());
    m_editing = r.id;
    m_shortcut->setText(r.shortcut);
    m_title->setText(r.title);
    m_language->setCurrentIndex(std::max(0, m_language->findData(r.language)));
    m_text->setPlainText(r.text);
    m_shared->setChecked(r.isShared());
    m_status->clear();
    updateEditable();
}

void CannedDialog::startNew()
{
    m_editing = 0;
    m_list->setCurrentRow(-1);
    m_shortcut->clear();
    m_title->clear();
    m_text->clear();
    m_shared->setChecked(false);
    m_status->clear();
    updateEditable();
    m_shortcut->setFocus();
}

void CannedDialog::updateEditable()
{
    const CannedResponse r = m_client.cannedResponses().byId(m_editing);
    const bool mayShare = m_client.canEditSharedCanned();
    const bool editable = !r.id || !r.isShared() || mayShare;
    for (QWidget *w : std::initializer_list<QWidget *>{m_shortcut, m_title, m_language, m_text})
        w->setEnabled(editable);
    m_shared->setEnabled(mayShare && !r.id); // whose it is is decided when it is made
    m_save->setEnabled(editable);
    m_delete->setEnabled(editable && r.id);
}

void CannedDialog::save()
{
    CannedResponse r;
    r.id = m_editing;
    r.shortcut = m_shortcut->text().trimmed();
    r.title = m_title->text().trimmed();
    r.language = m_language->currentData().toString();
    r.text = m_text->toPlainText();
    r.ownerId = m_shared->isChecked() ? 0 : m_client.connection().user().id;
    if (Status s = r.validate(); !s.ok()) {
        m_status->setText(tr("Not saved: %1").arg(s.error().message));
        return;
    }
    m_status->setText(tr("Saving…"));
    m_pending = m_client.cannedResponses().save(r, m_shared->isChecked());
}

void CannedDialog::remove()
{
    if (!m_editing)
        return;
    m_status->setText(tr("Deleting…"));
    m_pending = m_client.cannedResponses().remove(m_editing);
    m_editing = 0;
}

void CannedDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void CannedDialog::retranslate()
{
    setWindowTitle(tr("Canned responses"));
    m_shortcutLabel->setText(tr("&Shortcut:"));
    m_titleLabel->setText(tr("&Title:"));
    m_languageLabel->setText(tr("&Language:"));
    m_textLabel->setText(tr("Te&xt:"));
    m_shortcut->setPlaceholderText(tr("e.g. refund-ok (type /refund-ok in a reply)"));
    QStringList names;
    for (const QString &v : kb::allowedVariables())
        names << QStringLiteral("{{%1}}").arg(v);
    m_variables->setText(tr("Variables: %1. The customer's name and yours are filled in; you "
                            "are asked for the others when you insert it.")
                             .arg(names.join(QLatin1String(", "))));
    m_shared->setText(tr("S&hared with the team (supervisors and admins)"));
    m_new->setText(tr("&New"));
    m_save->setText(tr("Sa&ve"));
    m_delete->setText(tr("&Delete"));
    m_close->setText(tr("Close"));
    reload();
}

} // namespace tandem
