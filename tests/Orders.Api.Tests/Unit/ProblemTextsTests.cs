using Microsoft.AspNetCore.Http;
using Orders.Api.Http.Responses;
using Orders.Api.Tests.Contract;

namespace Orders.Api.Tests.Unit;

/// <summary>Each problem's words fit the operation it answers, and one kind of problem has one wording.</summary>
public sealed class ProblemTextsTests
{
    [Fact]
    public void TheFrameworks415AndOurs_SayTheSame()
    {
        var ours = Problems.UnsupportedMediaType().Value;
        var framework = Problems.ForStatus(StatusCodes.Status415UnsupportedMediaType, placesOrder: false);

        Assert.Equal((ours.Title, ours.Detail), (framework.Title, framework.Detail));
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized)]
    [InlineData(StatusCodes.Status403Forbidden)]
    [InlineData(StatusCodes.Status404NotFound)]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status500InternalServerError)]
    public void ALookupsProblems_NeverSpeakOfPlacingOrResending(int status)
    {
        var problem = Problems.ForStatus(status, placesOrder: false);

        ProblemWording.AssertFitsALookup(problem.Title + " " + problem.Detail);
    }

    [Fact]
    public void ALookupsParameterAndStoreProblems_NeverSpeakOfPlacingOrResending()
    {
        foreach (var problem in new[] { Problems.InvalidParameter("limit", "must be a whole number from 1 to 100").Value, Problems.StoreUnavailable(2, placesOrder: false).Value })
        {
            ProblemWording.AssertFitsALookup(problem.Title + " " + problem.Detail);
        }
    }

    [Theory]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status500InternalServerError)]
    public void APostsRetryableProblems_SayToResendWithTheSameReference(int status)
    {
        Assert.Contains("same clientReference", Problems.ForStatus(status, placesOrder: true).Detail, StringComparison.Ordinal);
        Assert.Contains("same clientReference", Problems.StoreUnavailable(2, placesOrder: true).Value.Detail, StringComparison.Ordinal);
    }
}
