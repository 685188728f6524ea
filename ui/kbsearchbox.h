#pragma once

#include "knowledge.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;

namespace tandem {

class AssistClient;

/// Searches the knowledge base on demand (`kb.search` as the agent types); Enter on a result
/// fetches the article (`kb.article`) and hands it on with articleChosen().
class KbSearchBox : public QWidget
{
    Q_OBJECT
public:
    explicit KbSearchBox(AssistClient &assist, QWidget *parent = nullptr);

    QLineEdit *queryEdit() const { return m_query; }
    QListWidget *results() const { return m_results; }
    /// Focuses the search field with its text selected.
    void activate();
    /// Where Esc sends the focus back to.
    void setReturnTarget(QWidget *target) { m_return = target; }
    /// The language answers should be in first (the customer's).
    void setLanguage(const QString &language) { m_language = language; }

signals:
    void articleChosen(const tandem::KbArticle &article);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void search();
    void open();
    void showResults(const QString &id, const QJsonArray &results);
    void retranslate();

    AssistClient &m_assist;
    QLineEdit *m_query;
    QListWidget *m_results;
    QLabel *m_status;
    QWidget *m_return = nullptr;
    QTimer m_debounce;
    QString m_language;
    QString m_searchId;
    QString m_articleId;
};

} // namespace tandem
