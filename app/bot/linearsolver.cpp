#include "linearsolver.h"

#include <cmath>
#include <limits>
#include <random>

namespace tandem::detail {

void trainBlock(const Csr &x, const std::vector<int> &rows, const std::vector<int> &label,
                int first, int count, int features, const LinearOptions &options, quint32 seed,
                std::vector<float> &w, std::array<double, kBlock> &bias)
{
    w.assign(std::size_t(features) * kBlock, 0.0f);
    bias.fill(0.0);
    const std::size_t n = rows.size();
    if (n == 0)
        return;
    const double diag = 0.5 / std::max(options.cost, 1e-12);
    std::vector<float> alpha(n * kBlock, 0.0f);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937 rng(seed);
    std::array<bool, kBlock> done{};
    for (int b = count; b < kBlock; ++b)
        done[std::size_t(b)] = true;
    const double inf = std::numeric_limits<double>::infinity();
    for (int epoch = 0; epoch < std::max(options.maxEpochs, 1); ++epoch) {
        std::array<double, kBlock> maxPg, minPg;
        maxPg.fill(-inf);
        minPg.fill(inf);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t j = i + std::size_t(rng() % quint32(n - i));
            std::swap(order[i], order[j]);
        }
        for (std::size_t s = 0; s < n; ++s) {
            const std::size_t i = order[s];
            const std::size_t row = std::size_t(rows[i]);
            const std::size_t begin = x.start[row];
            const std::size_t end = x.start[row + 1];
            float dot[kBlock] = {};
            for (std::size_t k = begin; k < end; ++k) {
                const float *wf = w.data() + std::size_t(x.index[k]) * kBlock;
                const float v = x.value[k];
                for (int b = 0; b < kBlock; ++b)
                    dot[b] += wf[b] * v;
            }
            float step[kBlock] = {};
            bool any = false;
            const double qd = x.squaredNorm[row] + 1.0 + diag;
            for (int b = 0; b < count; ++b) {
                if (done[std::size_t(b)])
                    continue;
                const double y = label[row] == first + b ? 1.0 : -1.0;
                float &a = alpha[i * kBlock + std::size_t(b)];
                const double g = y * (double(dot[b]) + bias[std::size_t(b)]) - 1 + diag * a;
                const double pg = a == 0 ? std::min(g, 0.0) : g;
                maxPg[std::size_t(b)] = std::max(maxPg[std::size_t(b)], pg);
                minPg[std::size_t(b)] = std::min(minPg[std::size_t(b)], pg);
                if (std::abs(pg) > 1e-12) {
                    const float old = a;
                    a = float(std::max(double(a) - g / qd, 0.0));
                    const double d = (double(a) - old) * y;
                    step[b] = float(d);
                    bias[std::size_t(b)] += d;
                    any = true;
                }
            }
            if (!any)
                continue;
            for (std::size_t k = begin; k < end; ++k) {
                float *wf = w.data() + std::size_t(x.index[k]) * kBlock;
                const float v = x.value[k];
                for (int b = 0; b < kBlock; ++b)
                    wf[b] += step[b] * v;
            }
        }
        bool all = true;
        for (int b = 0; b < count; ++b) {
            if (maxPg[std::size_t(b)] - minPg[std::size_t(b)] <= options.tolerance)
                done[std::size_t(b)] = true;
            all = all && done[std::size_t(b)];
        }
        if (all)
            break;
    }
}

} // namespace tandem::detail
