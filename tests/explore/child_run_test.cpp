// How a pool of child processes shares its cores with the processes each child starts.
#include "explore/child_run.h"

#include <gtest/gtest.h>

namespace lumen {
namespace {

TEST(JobsPerRun, APoolBusyWithAsManyRunsAsJobsLeavesEachOneProcess) {
  EXPECT_EQ(jobs_per_run(2, 1000), 1u);  // a sweep of 1000 points on 2 cores
  EXPECT_EQ(jobs_per_run(8, 8), 1u);
}

TEST(JobsPerRun, FewerRunsThanJobsShareTheRest) {
  EXPECT_EQ(jobs_per_run(8, 2), 4u);
  EXPECT_EQ(jobs_per_run(8, 3), 2u);  // 3 runs of 2 each: never more than the 8 jobs
  EXPECT_EQ(jobs_per_run(4, 1), 4u);  // one run has every job
}

TEST(JobsPerRun, NoJobsOrNoRunsStillAllowOne) {
  EXPECT_EQ(jobs_per_run(0, 5), 1u);
  EXPECT_EQ(jobs_per_run(4, 0), 4u);
  EXPECT_GE(cores(), 1u);
}

}  // namespace
}  // namespace lumen
