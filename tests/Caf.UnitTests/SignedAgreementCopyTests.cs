using Caf.Data;
using Caf.Data.Entities;
using Caf.Data.Finance;

namespace Caf.UnitTests;

/// <summary>The scan of the signed agreement: after the agreement, kept apart from the grant, replaced only while no tranche is paid.</summary>
public sealed class SignedAgreementCopyTests
{
    private static readonly DateTime Now = GrantApplicationBuilder.Now;
    private static readonly byte[] Scan = "%PDF-1.7\nsigned by both sides\n"u8.ToArray();
    private readonly GrantApplicationBuilder _given = new();

    /// <summary>Approved, with its agreement (80/20) and bank details recorded, nothing requested yet.</summary>
    private GrantApplication Agreed()
    {
        var application = _given.Approved();
        GrantApplicationBuilder.Agree(application, [new(8_000m, TrancheCondition.OnSignature), new(2_000m, TrancheCondition.AfterFinalReports)]);
        return application;
    }

    [Fact]
    public void The_signed_copy_is_recorded_after_the_agreement_with_its_bytes_under_an_id_of_their_own()
    {
        var application = Agreed();

        var stored = application.RecordSignedCopy(@"C:\scans\agreement signed.pdf", "application/pdf", Scan, "finance-1", Now);

        Assert.Equal(application.SignedCopyId, stored.Id);
        Assert.Equal(Scan, stored.Bytes);
        Assert.Equal(("agreement signed.pdf", "application/pdf", Scan.Length, "finance-1", Now),
            (application.SignedCopyFileName, application.SignedCopyContentType, application.SignedCopySize!.Value, application.SignedCopyRecordedByUserId,
                application.SignedCopyRecordedAtUtc!.Value));
    }

    [Fact]
    public void Before_the_agreement_is_recorded_its_signed_copy_is_refused()
    {
        var application = _given.Approved();

        var refused = Assert.Throws<DomainException>(() => application.RecordSignedCopy("agreement.pdf", "application/pdf", Scan, "finance-1", Now));

        Assert.Equal("Record the agreement (its signing date and schedule) first, then its signed copy.", refused.Message);
        Assert.Equal(nameof(GrantApplication.SignedCopyId), refused.Field);
        Assert.Null(application.SignedCopyId);
    }

    [Fact]
    public void An_empty_or_oversized_file_is_refused_and_the_copy_recorded_stays()
    {
        var application = Agreed();
        var first = application.RecordSignedCopy("agreement.pdf", "application/pdf", Scan, "finance-1", Now);

        Assert.Equal("The file empty.pdf is empty. Please attach the signed agreement itself.",
            Assert.Throws<DomainException>(() => application.RecordSignedCopy("empty.pdf", "application/pdf", [], "finance-1", Now)).Message);
        Assert.Equal("The file big.pdf is larger than 10 MB. Please attach a smaller scan.",
            Assert.Throws<DomainException>(() => application.RecordSignedCopy("big.pdf", "application/pdf",
                new byte[GrantApplication.SignedCopyMaxBytes + 1], "finance-1", Now)).Message);
        Assert.Equal((first.Id, "agreement.pdf"), (application.SignedCopyId!.Value, application.SignedCopyFileName));
    }

    [Fact]
    public void The_copy_is_replaced_while_no_tranche_is_paid_even_with_one_requested_and_kept_once_one_is()
    {
        var application = Agreed();
        var first = application.RecordSignedCopy("agreement.pdf", "application/pdf", Scan, "finance-1", Now);
        application.RequestDisbursement(1, new Money(8_000m, "CHF"), "finance-1", Now);

        var second = application.RecordSignedCopy("agreement.png", "image/png", [0x89, 0x50, 0x4E, 0x47], "finance-2", Now);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal((second.Id, "agreement.png"), (application.SignedCopyId!.Value, application.SignedCopyFileName));

        var request = application.Disbursements.Single();
        application.ApproveDisbursement(request.Id, "finance-2", Now);
        application.PayDisbursement(request.Id, Conversion.Same(new Money(8_000m, "CHF"), DateOnly.FromDateTime(Now)), DateOnly.FromDateTime(Now), "T1",
            "finance-1", Now);
        GrantApplicationBuilder.MoveTo(application, GrantStages.Active);

        Assert.Equal("A tranche has been paid under this agreement: the signed copy recorded then is kept as it is.", application.SignedCopyProblem());
        Assert.Throws<DomainException>(() => application.RecordSignedCopy("late.pdf", "application/pdf", Scan, "finance-1", Now));
        Assert.Equal(second.Id, application.SignedCopyId);
    }

    [Fact]
    public void A_grant_paid_before_its_copy_was_kept_may_still_be_given_one_until_it_closes()
    {
        var application = _given.Signed();

        Assert.Null(application.SignedCopyProblem());
        application.RecordSignedCopy("agreement.pdf", "application/pdf", Scan, "finance-1", Now);

        GrantApplicationBuilder.MoveTo(application, GrantStages.Closed);
        Assert.Equal("The signed agreement is recorded from the grant's approval until it closes; this grant is at the stage 'Closed'.",
            application.SignedCopyProblem());
    }
}
