#include "suggestionlistmodel.h"

#include "roles.h"

#include <QDate>

namespace tandem {

namespace {
bool same(const AssistSuggestions &a, const AssistSuggestions &b)
{
    if (a.messageId != b.messageId || a.modelVersion != b.modelVersion ||
        a.items.size() != b.items.size())
        return false;
    for (qsizetype i = 0; i < a.items.size(); ++i) {
        const AssistSuggestion &x = a.items.at(i);
        const AssistSuggestion &y = b.items.at(i);
        if (x.rank != y.rank || x.answer != y.answer || x.articleId != y.articleId ||
            x.articleVersion != y.articleVersion || x.confidence != y.confidence ||
            x.weak != y.weak || x.title != y.title || x.lastReviewed != y.lastReviewed)
            return false;
    }
    return true;
}
} // namespace

SuggestionListModel::SuggestionListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void SuggestionListModel::setSuggestions(const AssistSuggestions &suggestions)
{
    if (same(suggestions, m_set))
        return;
    beginResetModel();
    m_set = suggestions;
    endResetModel();
}

int SuggestionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.items.size());
}

QVariant SuggestionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AssistSuggestion &s = m_set.items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return s.answer;
    case Qt::ToolTipRole:
        return s.matchedQuestion.isEmpty()
                   ? QVariant()
                   : QVariant(tr("Matched the question: %1").arg(s.matchedQuestion));
    case roles::RankRole:
        return s.rank;
    case roles::ConfidenceRole:
        return s.confidence;
    case roles::IntentRole:
        return s.intent;
    case roles::ArticleIdRole:
        return s.articleId;
    case roles::ArticleTitleRole:
        return s.title;
    case roles::ArticleVersionRole:
        return s.articleVersion;
    case roles::LastReviewedRole:
        return QDate::fromString(s.lastReviewed, Qt::ISODate);
    case roles::WeakRole:
        return s.weak;
    default:
        return {};
    }
}

Qt::ItemFlags SuggestionListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Weak suggestions stay usable: greyed to warn, not hidden or locked.
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> SuggestionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(roles::RankRole, "rank");
    names.insert(roles::ConfidenceRole, "confidence");
    names.insert(roles::IntentRole, "intent");
    names.insert(roles::ArticleIdRole, "articleId");
    names.insert(roles::ArticleTitleRole, "articleTitle");
    names.insert(roles::ArticleVersionRole, "articleVersion");
    names.insert(roles::LastReviewedRole, "lastReviewed");
    names.insert(roles::WeakRole, "weak");
    return names;
}

} // namespace tandem
