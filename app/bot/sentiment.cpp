#include "sentiment.h"

#include "sentimentlexicon.h"
#include "textanalysis.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tandem {

namespace {

Q_LOGGING_CATEGORY(lcSentiment, "tandem.bot.sentiment", QtInfoMsg)

// A negation reaches this many words ahead ("不是很满意", "not at all happy"); a degree word
// two ("太慢", "very very slow").
constexpr qsizetype kNegationWindow = 3;
constexpr qsizetype kDegreeWindow = 2;
// "Not bad" is faint praise, not "good": negated negatives keep half their strength.
constexpr double kNegatedNegative = 0.5;
// "Not very good" is milder than "not good".
constexpr double kNegatedDegree = 0.75;
// Per "!" up to three; "???" sharpens a complaint; a single "?" asks more than it judges, so
// praise in it stays below the label threshold even for the strongest single word ("is it
// good?", "is it perfect?") while a complaint mostly stands ("why so slow?").
constexpr double kPerExclamation = 0.15;
constexpr int kMaxExclamations = 3;
constexpr double kRepeatedQuestions = 1.3;
constexpr double kQuestionPositive = 0.15;
constexpr double kQuestionNegative = 0.8;
constexpr double kShouted = 1.5;    // a sentiment word in capitals ("SLOW")
constexpr double kElongated = 1.25; // "太慢了啊啊啊", "sooo slow"
constexpr double kBeforeContrast = 0.5;
// score = sum / sqrt(sum² + alpha): one plain word ("满意", 2) scores about 0.58, two strong
// words about 0.85, and long rants approach but never reach ±1.
constexpr double kAlpha = 8;
constexpr double kNtNegation = 0.8;

struct Clause
{
    QString text;
    int exclamations = 0;
    int questions = 0;
};

bool isTerminator(QStringView text, qsizetype i)
{
    const char16_t c = text.at(i).unicode();
    if (c == u'.') // not inside "3.5"
        return !(i > 0 && i + 1 < text.size() && text.at(i - 1).isDigit() &&
                 text.at(i + 1).isDigit());
    return QStringView(u",;:!?\n\u3002\uFF0C\u3001\uFF1B\uFF1A\uFF01\uFF1F\u2026~\uFF5E\uFF0E")
        .contains(QChar(c));
}

// Clauses bound negation and carry their own punctuation ("没问题，谢谢!").
QList<Clause> splitClauses(const QString &text)
{
    QList<Clause> clauses;
    Clause current;
    bool closing = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (isTerminator(text, i)) {
            closing = true;
            current.exclamations += (c == u'!' || c == u'\uFF01');
            current.questions += (c == u'?' || c == u'\uFF1F');
            continue;
        }
        if (closing && !c.isSpace()) {
            clauses.append(std::exchange(current, {}));
            closing = false;
        }
        current.text.append(c);
    }
    clauses.append(current);
    return clauses;
}

// Stems of words typed in capitals, three letters or more so that "OK" and "I" do not count.
QSet<QString> shoutedStems(const QString &text)
{
    QSet<QString> stems;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype end = i;
        bool upper = true;
        while (end < text.size() && text.at(end).isLetter() &&
               text.at(end).script() == QChar::Script_Latin) {
            upper = upper && text.at(end).isUpper();
            ++end;
        }
        if (end - i >= 3 && upper) {
            const QStringList tokens =
                TextAnalyzer::instance().analyze(text.mid(i, end - i)).allTokens;
            for (const QString &token : tokens)
                stems.insert(token);
        }
        i = qMax(end, i + 1);
    }
    return stems;
}

bool hasElongation(const QString &text)
{
    for (qsizetype i = 2; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLetter() && c == text.at(i - 1) && c == text.at(i - 2))
            return true;
    }
    return false;
}

QString joinCue(const QString &modifier, const QString &word)
{
    const bool han = !modifier.isEmpty() && !word.isEmpty() &&
                     modifier.back().script() == QChar::Script_Han &&
                     word.front().script() == QChar::Script_Han;
    return han ? QString(modifier + word) : QString(modifier + u' ' + word);
}

struct Hit
{
    double value = 0;
    QString cue;
};

/// Accumulates one message clause by clause.
class Scorer
{
public:
    explicit Scorer(const SentimentLexicon &lexicon)
        : m_lexicon(lexicon)
    {}
    void addClause(const Clause &clause);
    SentimentResult finish() const;

private:
    const SentimentLexicon &m_lexicon;
    QList<Hit> m_hits;
    double m_afterContrast = 1;
    QStringList m_escalationCues;
};

void Scorer::addClause(const Clause &clause)
{
    const QString normalized = TextAnalyzer::instance().analyze(clause.text).normalized;
    const QList<LexiconUnit> units = m_lexicon.segment(normalized);
    const QSet<QString> shouted = shoutedStems(clause.text);
    const qsizetype clauseStart = m_hits.size();

    qsizetype negationAt = -1;
    double negation = 0;
    QString negationText;
    qsizetype degreeAt = -1;
    double degree = 1;
    QString degreeText;
    qsizetype lastHitAt = -2;
    for (qsizetype i = 0; i < units.size(); ++i) {
        const LexiconUnit &unit = units.at(i);
        const LexiconEntry *e = unit.entry;
        if (negationAt >= 0 && i - negationAt > kNegationWindow)
            negationAt = -1;
        if (degreeAt >= 0 && i - degreeAt > kDegreeWindow)
            degreeAt = -1;
        if (e && e->contrast > 0) {
            for (Hit &hit : m_hits)
                hit.value *= kBeforeContrast;
            m_afterContrast = e->contrast;
            negationAt = degreeAt = -1;
            continue;
        }
        const double sentiment = e ? e->sentiment : 0;
        const double negates =
            e ? e->negation : (unit.text.endsWith(QLatin1String("n't")) ? kNtNegation : 0);
        if (negates > 0 && sentiment == 0) {
            // Two negations cancel ("没有不满意").
            negationAt = negationAt >= 0 ? -1 : i;
            negation = negates;
            negationText = e ? e->display : unit.text;
            continue;
        }
        const bool nextIsSentiment =
            i + 1 < units.size() && units.at(i + 1).entry && units.at(i + 1).entry->sentiment != 0;
        if (e && e->degree > 0 && (sentiment == 0 || nextIsSentiment)) {
            degree = (degreeAt >= 0 ? degree : 1) * e->degree;
            degreeText = degreeAt >= 0 ? joinCue(degreeText, e->display) : e->display;
            degreeAt = i;
            continue;
        }
        if (e && e->postDegree > 0 && lastHitAt == i - 1 && m_hits.size() > clauseStart) {
            m_hits.last().value *= e->postDegree;
            m_hits.last().cue = joinCue(m_hits.last().cue, e->display);
            continue;
        }
        if (sentiment == 0)
            continue;

        double value = sentiment;
        QString cue = e->display;
        const bool negated = negationAt >= 0;
        if (negated) {
            const double strength = negation * (degreeAt > negationAt ? kNegatedDegree : 1.0);
            value = -value * strength * (value < 0 ? kNegatedNegative : 1.0);
            cue = joinCue(negationText, cue);
        } else if (degreeAt >= 0) {
            value *= degree;
            cue = joinCue(degreeText, cue);
        }
        if (shouted.contains(unit.text))
            value *= kShouted;
        if (e->escalation && !negated && !m_escalationCues.contains(e->display))
            m_escalationCues.append(e->display);
        m_hits.append({value * m_afterContrast, cue});
        lastHitAt = i;
        negationAt = degreeAt = -1;
    }
    for (const LexiconEntry *symbol : m_lexicon.symbols(normalized)) {
        m_hits.append({symbol->sentiment * m_afterContrast, symbol->display});
        if (symbol->escalation && !m_escalationCues.contains(symbol->display))
            m_escalationCues.append(symbol->display);
    }

    // Chinese questions often end in a particle instead of "?".
    const QString trimmed = normalized.trimmed();
    const int questions = clause.questions > 0                                   ? clause.questions
                          : (trimmed.endsWith(u'吗') || trimmed.endsWith(u'么')) ? 1
                                                                                 : 0;
    double sum = 0;
    for (qsizetype i = clauseStart; i < m_hits.size(); ++i)
        sum += m_hits.at(i).value;
    double scale = 1 + kPerExclamation * qMin(clause.exclamations, kMaxExclamations);
    if (hasElongation(clause.text))
        scale *= kElongated;
    if (questions >= 2 && sum < 0)
        scale *= kRepeatedQuestions;
    for (qsizetype i = clauseStart; i < m_hits.size(); ++i) {
        Hit &hit = m_hits[i];
        hit.value *= scale;
        if (questions == 1 && clause.exclamations == 0)
            hit.value *= hit.value > 0 ? kQuestionPositive : kQuestionNegative;
    }
}

SentimentResult Scorer::finish() const
{
    SentimentResult result;
    double total = 0;
    double positive = 0;
    double negative = 0;
    for (const Hit &hit : m_hits) {
        total += hit.value;
        (hit.value > 0 ? positive : negative) += std::abs(hit.value);
    }
    result.score = total / std::sqrt(total * total + kAlpha);
    const double threshold = LexiconSentiment::kLabelThreshold;
    if (result.score >= threshold)
        result.label = SentimentLabel::Positive;
    else if (result.score <= -threshold)
        result.label = SentimentLabel::Negative;

    // Confidence grows with the score and shrinks when praise and complaint are mixed; a neutral
    // verdict is surest when nothing at all was said either way.
    const double evidence = positive + negative;
    if (result.label == SentimentLabel::Neutral) {
        result.confidence =
            evidence == 0 ? 0.6 : 0.3 + 0.3 * (1 - std::abs(result.score) / threshold);
    } else {
        const double agreement = std::abs(positive - negative) / evidence;
        result.confidence = (0.4 + 0.6 * std::abs(result.score)) * (0.5 + 0.5 * agreement);
    }
    result.confidence = std::clamp(result.confidence, 0.0, 1.0);

    // Cues explain the verdict: for a polar label only the words pulling that way.
    for (const Hit &hit : m_hits) {
        const bool agrees = result.label == SentimentLabel::Neutral ||
                            (result.label == SentimentLabel::Positive) == (hit.value > 0);
        if (agrees && hit.value != 0 && !result.cues.contains(hit.cue))
            result.cues.append(hit.cue);
    }
    result.escalation = !m_escalationCues.isEmpty();
    result.escalationCues = m_escalationCues;
    return result;
}

} // namespace

LexiconSentiment::LexiconSentiment()
    : m_lexicon(std::make_shared<const SentimentLexicon>())
{}

const LexiconSentiment &LexiconSentiment::instance()
{
    static const LexiconSentiment sentiment = [] {
        Result<LexiconSentiment> loaded = fromFiles(QStringLiteral(":/tandem/lexicon"));
        if (loaded)
            return std::move(loaded).value();
        qCWarning(lcSentiment) << "built-in lexicon failed to load:" << loaded.error().message;
        return LexiconSentiment();
    }();
    return sentiment;
}

Result<LexiconSentiment> LexiconSentiment::fromFiles(const QString &directory)
{
    using Kind = SentimentLexicon::Kind;
    static constexpr std::pair<Kind, QLatin1String> kFiles[] = {
        {Kind::Positive, QLatin1String("positive.txt")},
        {Kind::Negative, QLatin1String("negative.txt")},
        {Kind::Degree, QLatin1String("degree.txt")},
        {Kind::Negation, QLatin1String("negation.txt")},
        {Kind::Contrast, QLatin1String("contrast.txt")},
        {Kind::Neutral, QLatin1String("neutral.txt")},
        {Kind::Escalation, QLatin1String("escalation.txt")},
    };
    auto lexicon = std::make_shared<SentimentLexicon>();
    const QDir dir(directory);
    for (const auto &[kind, name] : kFiles) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<LexiconSentiment>::failure(QStringLiteral("lexicon.open"),
                                                     file.fileName() + QStringLiteral(": ") +
                                                         file.errorString());
        }
        const Status added = lexicon->addText(kind, QString::fromUtf8(file.readAll()), name);
        if (!added)
            return added.error();
    }
    LexiconSentiment sentiment;
    sentiment.m_lexicon = std::move(lexicon);
    return sentiment;
}

SentimentResult LexiconSentiment::analyze(const QString &text) const
{
    Scorer scorer(*m_lexicon);
    for (const Clause &clause : splitClauses(text))
        scorer.addClause(clause);
    return scorer.finish();
}

qsizetype LexiconSentiment::chineseEntryCount() const
{
    return m_lexicon->chineseCount();
}

qsizetype LexiconSentiment::englishEntryCount() const
{
    return m_lexicon->englishCount() + m_lexicon->symbolCount();
}

QString sentimentLabelName(SentimentLabel label)
{
    switch (label) {
    case SentimentLabel::Negative:
        return QStringLiteral("negative");
    case SentimentLabel::Positive:
        return QStringLiteral("positive");
    case SentimentLabel::Neutral:
        break;
    }
    return QStringLiteral("neutral");
}

} // namespace tandem
