#include "textanalysis.h"

#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>

#include <libstemmer.h>
#include <opencc/opencc.h>
#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <utility>

namespace tandem {

namespace {

Q_LOGGING_CATEGORY(lcText, "tandem.core.text", QtInfoMsg)

// Stop words are matched against the normalised surface form (before stemming), after the
// Traditional→Simplified fold, so the Chinese list is Simplified only. Chinese entries follow
// ICU's segmentation ("我的" and "请问" come out as one word). Negations (not, no, never, nor,
// cannot, …n't, 不, 没, 没有, 别, 未, 无) and question words stay out: they carry the meaning.
// Each list is separated by single spaces. English: function words and politeness.
constexpr QStringView kEnglishStopWords =
    u"a an the and or but if of to in on at for with from by about as into than then so "
    u"i me my mine myself we us our you your yours he him his she her it its they them their "
    u"i'm i've i'd i'll it's that's there's you're we're "
    u"is am are was were be been being do does did have has had "
    u"will would shall should can could may might must "
    u"this that these those there here just also very some any "
    u"please pls plz thanks thank thx hi hello hey dear";

// Chinese particles, pronouns and politeness.
constexpr QStringView kChineseStopWords =
    u"的 了 吗 呢 啊 吧 呀 哦 噢 嗯 哈 啦 嘛 么 呗 地 着 "
    u"我 我的 我们 我们的 你 你的 你们 您 您的 他 她 它 他们 她们 它们 咱们 "
    u"这 那 这个 那个 这些 那些 是 在 和 与 及 就 也 都 把 被 让 个 一个 "
    u"请 请问 麻烦 谢谢 您好 你好 在吗 一下";

// Snowball stems noun and verb differently where customers use both for one intent
// ("delivery" → deliveri, "delivered" → deliv); these stems are merged after stemming.
constexpr std::pair<QStringView, QStringView> kStemOverrides[] = {
    {u"deliveri", u"deliv"},
};

// Taiwan (and Hong Kong) customer-service vocabulary → the Mainland word for the same thing,
// applied after the Traditional→Simplified fold so one customer's 點數/簡訊/出貨 matches another's
// 积分/短信/发货. OpenCC's tw2sp phrase table was measured on the demo knowledge base and not used:
// it also rewrites words both regions share (查询→查找, 资料→数据, 抬头→擡头). Entries are
// Simplified; the longest entry starting at a position wins, so the identity entries keep 帐 as
// "tent" in 帐篷 and 蚊帐 while every other 帐 (account: 帐号, 入帐, 结帐) becomes 账.
constexpr std::pair<QStringView, QStringView> kRegionalVocabulary[] = {
    {u"帐篷", u"帐篷"},     {u"蚊帐", u"蚊帐"},     {u"营帐", u"营帐"},
    {u"帐幕", u"帐幕"},     {u"床帐", u"床帐"},     {u"帐", u"账"},
    {u"点数", u"积分"},     {u"红利点数", u"积分"}, {u"简讯", u"短信"},
    {u"讯息", u"信息"},     {u"资讯", u"信息"},     {u"个资", u"个人信息"},
    {u"网路", u"网络"},     {u"连结", u"链接"},     {u"登入", u"登录"},
    {u"登出", u"退出"},     {u"设定", u"设置"},     {u"出货", u"发货"},
    {u"门市", u"门店"},     {u"超商", u"便利店"},   {u"宅配", u"快递"},
    {u"折价券", u"优惠券"}, {u"折价卷", u"优惠券"}, {u"优惠卷", u"优惠券"},
    {u"折扣码", u"优惠码"}, {u"折抵", u"抵扣"},     {u"储值", u"充值"},
    {u"支援", u"支持"},     {u"品质", u"质量"},     {u"影片", u"视频"},
    {u"列印", u"打印"},     {u"伺服器", u"服务器"}, {u"纪录", u"记录"},
    {u"保固", u"保修"},     {u"推播", u"推送"},     {u"软体", u"软件"},
    {u"硬体", u"硬件"},     {u"萤幕", u"屏幕"},     {u"荧幕", u"屏幕"},
    {u"笔电", u"笔记本"},   {u"行动电话", u"手机"}, {u"行动支付", u"移动支付"},
    {u"预设", u"默认"},     {u"档案", u"文件"},
};

// Measured: no code point below U+2E80 (CJK Radicals Supplement) is changed by t2s.json, so text
// without such characters skips OpenCC entirely.
constexpr char16_t kFirstCjk = 0x2E80;

bool needsChineseFolding(QStringView text)
{
    for (QChar c : text) {
        if (c.unicode() >= kFirstCjk)
            return true;
    }
    return false;
}

// Calls f(codePoint, utf16Offset, utf16Length) for each code point of text.
template <typename F>
void forEachCodePoint(QStringView text, F &&f)
{
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < size && text[i + 1].isLowSurrogate()) {
            f(QChar::surrogateToUcs4(c, text[i + 1]), i, qsizetype(2));
            ++i;
        } else {
            f(char32_t(c.unicode()), i, qsizetype(1));
        }
    }
}

bool isHan(char32_t cp)
{
    return QChar::script(cp) == QChar::Script_Han;
}

Script detectScript(QStringView text)
{
    bool latin = false;
    bool han = false;
    forEachCodePoint(text, [&](char32_t cp, qsizetype, qsizetype) {
        const QChar::Script script = QChar::script(cp);
        latin = latin || (script == QChar::Script_Latin && QChar::isLetter(cp));
        han = han || script == QChar::Script_Han;
    });
    if (latin && han)
        return Script::Mixed;
    if (han)
        return Script::Han;
    return latin ? Script::Latin : Script::Unknown;
}

// Latin letters and apostrophes only: what the English stemmer should see. Alphanumerics such as
// "a1234" or "iphone15" are identifiers and stay as they are.
bool isEnglishWord(QStringView word)
{
    bool letter = false;
    for (QChar c : word) {
        if (c == u'\'')
            continue;
        if (!c.isLetter() || c.script() != QChar::Script_Latin)
            return false;
        letter = true;
    }
    return letter;
}

// ICU break iterators and Snowball stemmers keep per-text state, so each thread gets its own,
// created on first use and freed when the thread ends. Measured with bench_textanalysis: one
// iterator per thread analyses ~10% more short English messages per second than cloning one per
// call, and 2-7% more Chinese ones (where OpenCC takes most of the time).
struct StemmerDeleter
{
    void operator()(sb_stemmer *stemmer) const { sb_stemmer_delete(stemmer); }
};

struct ThreadTools
{
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
};

std::unique_ptr<icu::BreakIterator> createWordIterator()
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) {
        qCWarning(lcText, "ICU word break iterator unavailable: %s", u_errorName(status));
        return nullptr;
    }
    return words;
}

ThreadTools &threadTools()
{
    thread_local ThreadTools tools{
        createWordIterator(),
        std::unique_ptr<sb_stemmer, StemmerDeleter>(sb_stemmer_new("english", "UTF_8"))};
    return tools;
}

QString stem(sb_stemmer *stemmer, const QString &word)
{
    if (!stemmer)
        return word;
    const QByteArray utf8 = word.toUtf8();
    const sb_symbol *stemmed = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol *>(utf8.constData()), int(utf8.size()));
    if (!stemmed) // out of memory
        return word;
    return QString::fromUtf8(reinterpret_cast<const char *>(stemmed), sb_stemmer_length(stemmer));
}

QString openccConfigFile()
{
    const QString installed = QStringLiteral(TANDEM_OPENCC_DATADIR "/t2s.json");
    // OpenCC also searches its own data directory for a bare name.
    return QFileInfo::exists(installed) ? installed : QStringLiteral("t2s.json");
}

} // namespace

struct TextAnalyzer::Private
{
    // Convert() is const and thread-safe (opencc.h; OpenCC issue #231), so one is shared.
    std::unique_ptr<opencc::SimpleConverter> t2s;
    QSet<QString> stopWords;
    QHash<QString, QString> stemOverrides;
    // kRegionalVocabulary by first character, longest entry first.
    QHash<QChar, QList<std::pair<QStringView, QStringView>>> vocabulary;

    QString fold(const QString &text) const
    {
        if (!t2s || !needsChineseFolding(text))
            return text;
        try {
            const QByteArray utf8 = text.toUtf8();
            const std::string out = t2s->Convert(utf8.constData(), size_t(utf8.size()));
            return QString::fromUtf8(out.data(), qsizetype(out.size()));
        } catch (const std::exception &e) {
            qCWarning(lcText, "OpenCC conversion failed: %s", e.what());
            return text;
        }
    }

    QString foldVocabulary(const QString &text) const
    {
        if (!needsChineseFolding(text))
            return text;
        QString out;
        out.reserve(text.size());
        const QStringView view(text);
        for (qsizetype i = 0; i < view.size();) {
            const auto entries = vocabulary.constFind(view[i]);
            bool replaced = false;
            if (entries != vocabulary.constEnd()) {
                for (const auto &[from, to] : *entries) {
                    if (view.sliced(i).startsWith(from)) {
                        out += to;
                        i += from.size();
                        replaced = true;
                        break;
                    }
                }
            }
            if (!replaced)
                out += view[i++];
        }
        return out;
    }
};

TextAnalyzer::TextAnalyzer()
{
    auto d = std::make_unique<Private>();
    const QString config = openccConfigFile();
    try {
        d->t2s = std::make_unique<opencc::SimpleConverter>(config.toStdString());
    } catch (const std::exception &e) {
        qCWarning(lcText, "OpenCC %ls unavailable, Traditional Chinese is not folded: %s",
                  qUtf16Printable(config), e.what());
    }
    for (QStringView list : {kEnglishStopWords, kChineseStopWords}) {
        for (QStringView word : list.split(u' '))
            d->stopWords.insert(word.toString());
    }
    for (const auto &[from, to] : kStemOverrides)
        d->stemOverrides.insert(from.toString(), to.toString());
    for (const auto &entry : kRegionalVocabulary)
        d->vocabulary[entry.first.front()].append(entry);
    for (auto &entries : d->vocabulary) {
        std::stable_sort(entries.begin(), entries.end(), [](const auto &x, const auto &y) {
            return x.first.size() > y.first.size();
        });
    }
    m_d = std::move(d);
    threadTools(); // reports a missing ICU or Snowball once, at start-up
}

TextAnalyzer::~TextAnalyzer() = default;

const TextAnalyzer &TextAnalyzer::instance()
{
    static const TextAnalyzer analyzer;
    return analyzer;
}

QString TextAnalyzer::foldToSimplified(const QString &text) const
{
    return m_d->fold(text);
}

AnalyzedText TextAnalyzer::analyze(const QString &text) const
{
    AnalyzedText result;
    QString s = text.normalized(QString::NormalizationForm_KC).toCaseFolded();
    for (QChar &c : s) {
        // OpenCC stops at NUL; ’ is the apostrophe phones type ("didn’t").
        if (c.category() == QChar::Other_Control)
            c = u' ';
        else if (c == u'\u2019')
            c = u'\'';
    }
    result.normalized = m_d->foldVocabulary(m_d->fold(s));
    result.script = detectScript(result.normalized);

    ThreadTools &tools = threadTools();
    if (!tools.words || result.normalized.isEmpty())
        return result;

    // ICU offsets are int32_t; protocol messages are far shorter.
    const QString &n = result.normalized;
    const int32_t length = int32_t(qMin(n.size(), qsizetype(std::numeric_limits<int32_t>::max())));
    const icu::UnicodeString alias(false, reinterpret_cast<const char16_t *>(n.constData()),
                                   length); // read-only alias, no copy
    icu::BreakIterator &words = *tools.words;
    words.setText(alias);
    int32_t start = words.first();
    for (int32_t end = words.next(); end != icu::BreakIterator::DONE;
         start = end, end = words.next()) {
        // Statuses below UBRK_WORD_NONE_LIMIT are spaces, punctuation, symbols and emoji.
        if (words.getRuleStatus() < UBRK_WORD_NONE_LIMIT)
            continue;
        QString word = n.mid(start, end - start);
        const bool stop = m_d->stopWords.contains(word);
        if (isEnglishWord(word)) {
            word = stem(tools.stemmer.get(), word);
            word = m_d->stemOverrides.value(word, word);
        }
        if (!stop)
            result.tokens.append(word);
        result.allTokens.append(std::move(word));
    }
    static const icu::UnicodeString empty;
    words.setText(empty); // the iterator must not keep pointing at a string about to go away
    return result;
}

QString AnalyzedText::ftsText() const
{
    return tokens.join(u' ');
}

QStringList AnalyzedText::charNgrams(int n) const
{
    QStringList grams;
    if (n < 1)
        return grams;
    QList<qsizetype> run; // UTF-16 offset of each code point of the current Han run, then its end
    auto flush = [&] {
        const qsizetype count = run.size() - 1;
        if (count < 1) {
            run.clear();
            return;
        }
        if (count < n) {
            grams.append(normalized.mid(run.first(), run.last() - run.first()));
        } else {
            for (qsizetype i = 0; i + n <= count; ++i)
                grams.append(normalized.mid(run[i], run[i + n] - run[i]));
        }
        run.clear();
    };
    forEachCodePoint(normalized, [&](char32_t cp, qsizetype offset, qsizetype length) {
        if (!isHan(cp)) {
            flush();
            return;
        }
        if (run.isEmpty())
            run.append(offset);
        run.append(offset + length);
    });
    flush();
    return grams;
}

} // namespace tandem
