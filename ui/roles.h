#pragma once

#include <Qt>

namespace tandem::roles {

/// Item data roles of every Tandem model, in one place so views, delegates and tests agree.
enum ItemDataRole : int
{
    // ---- QueueModel ----

    /// qint64.
    ConversationIdRole = Qt::UserRole + 1,
    /// The raw value a column sorts by, the one QueueModel::sort() compares: case-folded text,
    /// state order (waiting, assigned, bot), priority, and for Waiting the ms waited so far (-1
    /// when not waiting; the order it gives never changes as time passes).
    SortRole,
    /// stateName(): "waiting", "assigned", "bot".
    StateRole,
    /// qint64 ms since the epoch when it entered the queue; 0 when not waiting.
    WaitingSinceRole,
    /// bool: waiting longer than QueueModel::kOverdueMs. The once-a-second update announces it
    /// for the Waiting column only (one dataChanged); read it there.
    OverdueRole,
    /// qint64; 0 when nobody owns it.
    AssigneeIdRole,
    /// The raw channel ("web", "api", …).
    ChannelRole,
    /// The customer's mood. Queue: the conversation's latest score; transcript: the message's,
    /// customer messages only. A double in [-1, 1], or an invalid QVariant when none is known.
    SentimentRole,
    /// QString: "falling", "steady" or "rising"; empty before the first score.
    TrendRole,
    /// bool: the customer threatened to escalate (cancel, regulator, abuse).
    EscalationRole,

    // ---- TranscriptModel ----

    /// qint64.
    MessageIdRole,
    /// senderKindName(): "customer", "agent", "bot", "system", "note".
    SenderKindRole,
    SenderNameRole,
    TextRole,
    /// QDateTime, local time.
    TimeRole,

    // ---- SuggestionListModel (the answer text is DisplayRole) ----

    /// int 1–3: the rank, also the suggestion's key (Alt+rank).
    RankRole,
    /// double in [0, 1].
    ConfidenceRole,
    /// QString: the matched intent, e.g. "delivery.tracking".
    IntentRole,
    /// QString.
    ArticleIdRole,
    ArticleTitleRole,
    /// int.
    ArticleVersionRole,
    /// QDate (invalid when unknown).
    LastReviewedRole,
    /// bool: below the model's threshold (shown greyed, never hidden).
    WeakRole,
};

} // namespace tandem::roles
