#pragma once

#include "assistdata.h"

#include <QAbstractListModel>

namespace tandem {

/// The bot's top suggestions for a conversation's latest customer message, one row per rank
/// (roles in roles.h; the answer is the display text).
class SuggestionListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit SuggestionListModel(QObject *parent = nullptr);

    /// Replaces the rows (a reset) when the suggestions differ from those shown.
    void setSuggestions(const AssistSuggestions &suggestions);
    const AssistSuggestions &suggestions() const { return m_set; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    AssistSuggestions m_set;
};

} // namespace tandem
