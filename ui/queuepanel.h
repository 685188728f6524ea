#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace tandem {

class Client;
class QueueModel;

/// The live queue: a filter box, a view selector (all / waiting / mine) and the table.
class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    QueuePanel(Client &client, QWidget *parent = nullptr);

    QueueModel &model() { return *m_model; }
    QTableView *view() const { return m_view; }
    qint64 currentConversation() const;
    void selectConversation(qint64 id);
    QByteArray headerState() const;
    void restoreHeaderState(const QByteArray &state);

signals:
    /// The agent picked a conversation (arrow keys, click, Enter).
    void conversationSelected(qint64 id);
    void conversationActivated(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void applyViewFilter();

    Client &m_client;
    QueueModel *m_model;
    QLineEdit *m_filter;
    QComboBox *m_show;
    QTableView *m_view;
    QLabel *m_empty;
    qint64 m_keep = 0;
};

} // namespace tandem
