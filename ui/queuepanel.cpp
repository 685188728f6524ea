#include "queuepanel.h"

#include "client.h"
#include "queuemodel.h"
#include "roles.h"

#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace tandem {

QueuePanel::QueuePanel(Client &client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new QueueModel(client.queue(), this))
    , m_filter(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_show);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty);

    m_filter->setClearButtonEnabled(true);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setStretchLastSection(false);
    QHeaderView *header = m_view->horizontalHeader();
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    header->setMinimumSectionSize(3 * em);
    header->resizeSection(QueueModel::Customer, 10 * em);
    header->resizeSection(QueueModel::Channel, 6 * em);
    header->resizeSection(QueueModel::State, 6 * em);
    header->resizeSection(QueueModel::Waiting, 7 * em);
    header->resizeSection(QueueModel::Assignee, 6 * em);
    header->resizeSection(QueueModel::Priority, 5 * em);
    header->setSectionResizeMode(QueueModel::Preview, QHeaderView::Stretch);
    // The queue order (QueueOrder): waiting customers first, by time waited against the target
    // plus priority, the order Ctrl+N takes them in.
    m_view->horizontalHeader()->setSortIndicator(QueueModel::State, Qt::AscendingOrder);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    connect(m_filter, &QLineEdit::textChanged, m_model, &QueueModel::setFilterText);
    connect(m_show, &QComboBox::currentIndexChanged, this, &QueuePanel::applyViewFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit conversationSelected(m_model->conversationId(current.row()));
            });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit conversationActivated(m_model->conversationId(index.row()));
    });
    auto updateEmpty = [this] { m_empty->setVisible(m_model->rowCount() == 0); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateEmpty);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateEmpty);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateEmpty);
    // A big filter change resets the model; keep the open conversation selected.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keep = currentConversation(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_keep) {
            const QSignalBlocker block(m_view->selectionModel());
            selectConversation(m_keep);
        }
    });
    retranslate();
    updateEmpty();
}

qint64 QueuePanel::currentConversation() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->conversationId(current.row()) : 0;
}

void QueuePanel::selectConversation(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, QueueModel::Customer));
}

QByteArray QueuePanel::headerState() const
{
    return m_view->horizontalHeader()->saveState();
}

void QueuePanel::restoreHeaderState(const QByteArray &state)
{
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

void QueuePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void QueuePanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter by customer, message or agent"));
    m_filter->setAccessibleName(tr("Filter the queue"));
    const int index = std::max(0, m_show->currentIndex());
    const QSignalBlocker block(m_show);
    m_show->clear();
    m_show->addItem(tr("All open"));
    m_show->addItem(tr("Waiting"));
    m_show->addItem(tr("Mine"));
    m_show->setCurrentIndex(index);
    m_show->setAccessibleName(tr("Show conversations"));
    m_view->setAccessibleName(tr("Queue"));
    m_empty->setText(tr("No conversations. New ones appear here as customers write."));
}

void QueuePanel::applyViewFilter()
{
    switch (m_show->currentIndex()) {
    case 1:
        m_model->setOnlyMine(0);
        m_model->setStateFilter({ConversationState::Waiting});
        break;
    case 2:
        m_model->setStateFilter({});
        m_model->setOnlyMine(m_client.connection().user().id);
        break;
    default:
        m_model->setStateFilter({});
        m_model->setOnlyMine(0);
    }
}

} // namespace tandem
