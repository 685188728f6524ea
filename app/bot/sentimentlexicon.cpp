#include "sentimentlexicon.h"

#include "textanalysis.h"

#include <QStringView>

#include <algorithm>

namespace tandem {

namespace {

bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}

bool allHan(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isHan);
}

} // namespace

Status SentimentLexicon::addText(Kind kind, const QString &text, const QString &source)
{
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString where = source + u':' + QString::number(i + 1);
        qsizetype split = line.size() - 1;
        while (split >= 0 && !line.at(split).isSpace())
            --split;
        bool ok = false;
        const double weight = line.mid(split + 1).toDouble(&ok);
        const QString word = line.left(qMax(split, qsizetype(0))).trimmed();
        if (split < 0 || !ok || word.isEmpty() || weight < 0) {
            return Status::failure(QStringLiteral("lexicon.syntax"),
                                   where + QStringLiteral(": expected \"<entry> <weight>\""));
        }
        if (Status s = addEntry(kind, word, weight, where); !s)
            return s;
    }
    return {};
}

Status SentimentLexicon::addEntry(Kind kind, QString word, double weight, const QString &where)
{
    const bool post = word.startsWith(u'~');
    if (post) {
        if (kind != Kind::Degree) {
            return Status::failure(QStringLiteral("lexicon.syntax"),
                                   where + QStringLiteral(": \"~\" only marks degree words"));
        }
        word = word.mid(1).trimmed();
    }
    // Entries go through the same analysis as customer text, so stems, case, width and
    // Traditional characters match whatever the customer typed.
    const AnalyzedText analyzed = TextAnalyzer::instance().analyze(word);
    LexiconEntry *entry = nullptr;
    if (allHan(analyzed.normalized)) {
        entry = &m_chinese[analyzed.normalized];
        m_chineseMaxLength = qMax(m_chineseMaxLength, int(analyzed.normalized.size()));
    } else if (!analyzed.allTokens.isEmpty()) {
        entry = &m_english[analyzed.allTokens.join(u' ')];
        m_englishMaxTokens = qMax(m_englishMaxTokens, int(analyzed.allTokens.size()));
    } else if (!analyzed.normalized.trimmed().isEmpty()) {
        entry = &m_symbols[analyzed.normalized.trimmed()];
    } else {
        return Status::failure(QStringLiteral("lexicon.entry"),
                               where + QStringLiteral(": entry has no text"));
    }
    if (entry->display.isEmpty())
        entry->display = word;

    const auto setSentiment = [&](double signedWeight) -> Status {
        // Inflections share a stem ("love", "loved"): the stronger weight wins, but one word
        // listed as both positive and negative is a lexicon bug.
        if (entry->sentiment * signedWeight < 0) {
            return Status::failure(QStringLiteral("lexicon.conflict"),
                                   where + QStringLiteral(": \"") + word +
                                       QStringLiteral("\" is both positive and negative"));
        }
        if (qAbs(signedWeight) > qAbs(entry->sentiment))
            entry->sentiment = signedWeight;
        return {};
    };
    switch (kind) {
    case Kind::Positive:
        return setSentiment(weight);
    case Kind::Negative:
        return setSentiment(-weight);
    case Kind::Escalation:
        entry->escalation = true;
        return setSentiment(-weight);
    case Kind::Degree:
        (post ? entry->postDegree : entry->degree) = weight;
        return {};
    case Kind::Negation:
        entry->negation = weight;
        return {};
    case Kind::Contrast:
        entry->contrast = weight;
        return {};
    case Kind::Neutral:
        return {};
    }
    return {};
}

QList<LexiconUnit> SentimentLexicon::segment(const QString &normalized) const
{
    QList<LexiconUnit> units;
    qsizetype start = 0;
    while (start < normalized.size()) {
        const bool han = isHan(normalized.at(start));
        qsizetype end = start + 1;
        while (end < normalized.size() && isHan(normalized.at(end)) == han)
            ++end;
        if (han)
            segmentHan(QStringView(normalized).mid(start, end - start), units);
        else
            segmentOther(normalized.mid(start, end - start), units);
        start = end;
    }
    return units;
}

// Forward maximum matching: the longest entry at each position wins, so "不满意" is one
// negative word rather than a negation of "满意", and "差不多" is not "差".
void SentimentLexicon::segmentHan(QStringView run, QList<LexiconUnit> &units) const
{
    qsizetype i = 0;
    while (i < run.size()) {
        qsizetype length = qMin(qsizetype(m_chineseMaxLength), run.size() - i);
        const LexiconEntry *found = nullptr;
        for (; length > 0; --length) {
            const auto it = m_chinese.constFind(run.mid(i, length).toString());
            if (it != m_chinese.cend()) {
                found = &it.value();
                break;
            }
        }
        if (!found)
            length = 1;
        units.append({run.mid(i, length).toString(), found});
        i += length;
    }
}

void SentimentLexicon::segmentOther(const QString &text, QList<LexiconUnit> &units) const
{
    const QStringList tokens = TextAnalyzer::instance().analyze(text).allTokens;
    qsizetype i = 0;
    while (i < tokens.size()) {
        qsizetype length = qMin(qsizetype(m_englishMaxTokens), tokens.size() - i);
        const LexiconEntry *found = nullptr;
        for (; length > 0; --length) {
            const auto it = m_english.constFind(tokens.mid(i, length).join(u' '));
            if (it != m_english.cend()) {
                found = &it.value();
                break;
            }
        }
        if (!found)
            length = 1;
        units.append({tokens.mid(i, length).join(u' '), found});
        i += length;
    }
}

QList<const LexiconEntry *> SentimentLexicon::symbols(const QString &normalized) const
{
    QList<const LexiconEntry *> found;
    if (m_symbols.isEmpty())
        return found;
    // Sorted keys keep the order of cues (and of floating-point sums) the same in every process,
    // whatever QHash's seed.
    QStringList keys = m_symbols.keys();
    std::sort(keys.begin(), keys.end());
    for (const QString &key : keys) {
        const qsizetype n = normalized.count(key);
        for (qsizetype k = 0; k < n; ++k)
            found.append(&m_symbols.find(key).value());
    }
    return found;
}

} // namespace tandem
