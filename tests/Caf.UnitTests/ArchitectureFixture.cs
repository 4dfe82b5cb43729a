// Small feature folders for ArchitectureTests: A reaches into B and Applications, B into Applications; Api and Applications share a prefix.
namespace Caf.UnitTests.ArchitectureFixture.Features.Shared
{
    internal static class Clock
    {
        public static DateTime Now => DateTime.UnixEpoch;
    }
}

namespace Caf.UnitTests.ArchitectureFixture.Features.Api
{
    internal static class Token
    {
        public static DateTime IssuedAt => Shared.Clock.Now;
    }
}

namespace Caf.UnitTests.ArchitectureFixture.Features.Applications
{
    internal sealed record Draft(string Title);

    internal static class Drafts
    {
        public static Draft New(string title) => new(title);

        public static int Count => 0;

        internal sealed record Page(int Number);
    }
}

namespace Caf.UnitTests.ArchitectureFixture.Features.A
{
    internal static class Reacher
    {
        public static string Reach() => B.Target.Name;

        public static int FirstPage => new Applications.Drafts.Page(1).Number;
    }
}

namespace Caf.UnitTests.ArchitectureFixture.Features.B
{
    internal static class Target
    {
        public static string Name => Applications.Drafts.New("borrowed").Title;

        public static int Pages => Applications.Drafts.Count;
    }
}
