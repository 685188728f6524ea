#include "transcriptmodel.h"

#include "roles.h"
#include "transcriptstate.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace tandem {

namespace {

/// Only what customers write is scored; anything else carrying a score is not shown one.
std::optional<double> shownSentiment(const Message &m)
{
    return m.senderKind == SenderKind::Customer ? m.sentiment : std::nullopt;
}

QString moodText(double score)
{
    const Mood mood = moodOf(score);
    const QString word = mood == Mood::Negative   ? TranscriptModel::tr("negative")
                         : mood == Mood::Positive ? TranscriptModel::tr("positive")
                                                  : TranscriptModel::tr("neutral");
    return TranscriptModel::tr("Mood: %1 (%2)").arg(word, QLocale().toString(score, 'f', 2));
}

} // namespace

TranscriptModel::TranscriptModel(TranscriptState &transcripts, QObject *parent)
    : QAbstractListModel(parent)
    , m_transcripts(transcripts)
{
    connect(&transcripts, &TranscriptState::messagesAppended, this, &TranscriptModel::onAppended);
    connect(&transcripts, &TranscriptState::messagesPrepended, this, &TranscriptModel::onPrepended);
    connect(&transcripts, &TranscriptState::transcriptReset, this, &TranscriptModel::onReset);
}

void TranscriptModel::setConversation(qint64 conversationId)
{
    if (conversationId == m_conversation)
        return;
    m_conversation = conversationId;
    reload();
    if (conversationId != 0)
        m_transcripts.load(conversationId); // does nothing when loaded or on its way
}

void TranscriptModel::reload()
{
    beginResetModel();
    m_count = m_conversation ? int(m_transcripts.messages(m_conversation).size()) : 0;
    m_offset = 0;
    endResetModel();
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

Message TranscriptModel::message(int row) const
{
    if (row < 0 || row >= m_count)
        return {};
    // A shared copy of the state's list: no message is copied, and nothing is kept that would
    // make the state's next append copy the whole list.
    const QList<Message> messages = m_transcripts.messages(m_conversation);
    const qsizetype at = qsizetype(row) + m_offset;
    return at < messages.size() ? messages.at(at) : Message();
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case roles::MessageIdRole:
    case roles::SenderKindRole:
    case roles::SenderNameRole:
    case roles::TextRole:
    case roles::TimeRole:
    case roles::SentimentRole:
        break;
    default:
        return {};
    }
    const Message m = message(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case roles::TextRole:
        return m.text;
    case Qt::ToolTipRole: {
        const QString time =
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.createdAtMs), QLocale::LongFormat);
        // The bubble's mood dot has no room for words; the tooltip over it gives them.
        const std::optional<double> score = shownSentiment(m);
        return score ? time + QLatin1Char('\n') + moodText(*score) : time;
    }
    case roles::SentimentRole: {
        const std::optional<double> score = shownSentiment(m);
        return score ? QVariant(*score) : QVariant();
    }
    case roles::MessageIdRole:
        return m.id;
    case roles::SenderKindRole:
        return senderKindName(m.senderKind);
    case roles::SenderNameRole:
        return m.senderName;
    case roles::TimeRole:
        return QDateTime::fromMSecsSinceEpoch(m.createdAtMs).toLocalTime();
    }
    return {};
}

Qt::ItemFlags TranscriptModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> TranscriptModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(roles::MessageIdRole, "messageId");
    names.insert(roles::SenderKindRole, "senderKind");
    names.insert(roles::SenderNameRole, "senderName");
    names.insert(roles::TextRole, "text");
    names.insert(roles::TimeRole, "time");
    names.insert(roles::SentimentRole, "sentiment");
    return names;
}

bool TranscriptModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_fetchMoreEnabled && m_conversation != 0 &&
           m_transcripts.hasOlder(m_conversation) && !m_transcripts.isLoading(m_conversation);
}

void TranscriptModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_transcripts.loadOlder(m_conversation);
}

int TranscriptModel::rowOf(qint64 messageId) const
{
    const QList<Message> messages = m_transcripts.messages(m_conversation);
    const auto begin = messages.cbegin() + std::min<qsizetype>(m_offset, messages.size());
    const auto end = begin + std::min<qsizetype>(m_count, messages.cend() - begin);
    const auto it = std::lower_bound(begin, end, messageId,
                                     [](const Message &m, qint64 id) { return m.id < id; });
    return it != end && it->id == messageId ? int(it - begin) : -1;
}

void TranscriptModel::onAppended(qint64 conversationId, int first, int last)
{
    if (conversationId != m_conversation || last < first)
        return;
    const qsizetype size = m_transcripts.messages(conversationId).size();
    if (first != m_count || size != qsizetype(last) + 1) {
        reload(); // out of step (should not happen): start again rather than show wrong rows
        return;
    }
    beginInsertRows({}, first, last);
    m_count = last + 1;
    endInsertRows();
}

void TranscriptModel::onPrepended(qint64 conversationId, int count)
{
    if (conversationId != m_conversation || count <= 0)
        return;
    const qsizetype size = m_transcripts.messages(conversationId).size();
    if (size != qsizetype(m_count) + count) {
        reload();
        return;
    }
    m_offset = count; // until the rows exist, the new page sits in front of them
    beginInsertRows({}, 0, count - 1);
    m_offset = 0;
    m_count += count;
    endInsertRows();
}

void TranscriptModel::onReset(qint64 conversationId)
{
    if (conversationId == m_conversation)
        reload();
}

} // namespace tandem
