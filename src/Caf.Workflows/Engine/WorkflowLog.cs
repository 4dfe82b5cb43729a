using Caf.Data.Entities;
using Microsoft.Extensions.Logging;

namespace Caf.Workflows.Engine;

/// <summary>The workflow engine's log lines, generated once rather than formatted on every call.</summary>
internal static partial class WorkflowLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {TimerId} was completed by another node first.")]
    public static partial void TimerTakenByAnotherNode(ILogger logger, Guid timerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer} on instance {Instance}: {Status}")]
    public static partial void TimerCompleted(ILogger logger, string timer, Guid instance, WorkflowTimerStatus status);
}
