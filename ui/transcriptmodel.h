#pragma once

#include "domain.h"

#include <QAbstractListModel>

namespace tandem {

class TranscriptState;

/// One conversation's transcript as a list, oldest first, following TranscriptState: live
/// messages become inserted rows at the bottom, older pages inserted rows at the top.
class TranscriptModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit TranscriptModel(TranscriptState &transcripts, QObject *parent = nullptr);

    /// Shows a conversation (0: none), loading its newest page if it is not loaded yet.
    void setConversation(qint64 conversationId);
    qint64 conversation() const { return m_conversation; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// True while older messages exist and none are on their way.
    bool canFetchMore(const QModelIndex &parent) const override;
    /// Asks for the page before the oldest row; it arrives as rows inserted at the top.
    void fetchMore(const QModelIndex &parent) override;
    /// Stock views call fetchMore() whenever the LAST row is visible (they page downwards), and
    /// a chat view is nearly always scrolled to its last row, so it would page through the whole
    /// history. A chat view turns this off except while scrolled to the top, and then calls
    /// fetchMore() itself. On by default (the plain Qt contract).
    void setFetchMoreEnabled(bool enabled) { m_fetchMoreEnabled = enabled; }
    bool fetchMoreEnabled() const { return m_fetchMoreEnabled; }

    /// The message shown in a row; a default Message for a row out of range.
    Message message(int row) const;
    /// The row of a message, -1 when it is not shown. O(log n): ids ascend.
    int rowOf(qint64 messageId) const;

private:
    void onAppended(qint64 conversationId, int first, int last);
    void onPrepended(qint64 conversationId, int count);
    void onReset(qint64 conversationId);
    void reload();

    TranscriptState &m_transcripts;
    qint64 m_conversation = 0;
    // Rows are TranscriptState::messages() from m_offset on, m_count of them. The state changes
    // its list before it signals, so between the two the rows still describe the old list: an
    // older page sits in front of them until its rows are inserted.
    int m_count = 0;
    int m_offset = 0;
    bool m_fetchMoreEnabled = true;
};

} // namespace tandem
