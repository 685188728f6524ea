#pragma once

// Internal to tandem_bot: the optimiser behind LinearTextModel.

#include "linearmodel.h"
#include "paralleljobs.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace tandem::detail {

/// Training vectors, row-compressed.
struct Csr
{
    std::vector<std::size_t> start{0};
    std::vector<int> index;
    std::vector<float> value;
    std::vector<double> squaredNorm;

    std::size_t rows() const { return start.size() - 1; }
};

/// Classes trained together: each row is read once per pass for all of them, and their weights
/// for one feature share a cache line, so the inner loops run over a fixed-size block.
constexpr int kBlock = 8;

/// One-vs-rest for classes [first, first + count) (count <= kBlock): per class an
/// L2-regularised squared-hinge SVM by dual coordinate descent (Hsieh et al. 2008, LIBLINEAR's
/// L2R_L2LOSS_SVC_DUAL without shrinking), the bias a feature of value 1. The classes of a block
/// visit the rows in the same random order; each stops on its own when its projected gradients
/// spread less than the tolerance. Trains on `rows` of `x`; `label[r]` is row r's class.
/// `w` gets the weights feature-major, w[f * kBlock + b] for class first + b.
void trainBlock(const Csr &x, const std::vector<int> &rows, const std::vector<int> &label,
                int first, int count, int features, const LinearOptions &options, quint32 seed,
                std::vector<float> &w, std::array<double, kBlock> &bias);

/// Runs `job(firstClass, count)` for every block of classes on up to `threads` threads.
template <typename Job>
void forEachBlock(int classes, int threads, Job job)
{
    runJobs((classes + kBlock - 1) / kBlock, threads,
            [&](int block) { job(block * kBlock, std::min(kBlock, classes - block * kBlock)); });
}

} // namespace tandem::detail
