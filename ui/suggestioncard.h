#pragma once

#include <QFrame>
#include <QPersistentModelIndex>

class QLabel;
class QProgressBar;

namespace tandem {

/// One suggestion as the panel shows it: rank and key, a confidence bar, the intent, the answer,
/// and the article's title, version and last review. Weak suggestions are greyed.
class SuggestionCard : public QFrame
{
    Q_OBJECT
public:
    explicit SuggestionCard(QWidget *parent = nullptr);

    /// Shows the suggestion at `index` of a SuggestionModel (hidden when invalid).
    void setIndex(const QModelIndex &index);
    QString answerText() const;
    QString metaText() const;
    bool isWeak() const { return m_weak; }
    int confidencePercent() const;

private:
    QLabel *m_rank;
    QLabel *m_key;
    QProgressBar *m_confidence;
    QLabel *m_intent;
    QLabel *m_answer;
    QLabel *m_meta;
    bool m_weak = false;
};

} // namespace tandem
