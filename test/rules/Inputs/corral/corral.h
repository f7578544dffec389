#pragma once
// corral/corral.h (mock): the umbrella header, as in corral (Channel.h,
// ParkingLot.h, Semaphore.h and Value.h are not mocked).
#include "CBPortal.h"
#include "Event.h"
#include "Executor.h"
#include "Nursery.h"
#include "Shared.h"
#include "Task.h"
#include "concepts.h"
#include "run.h"
#include "utility.h"
#include "wait.h"
