using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Caf.Data.Auditing;

/// <summary>
/// The bytes <see cref="AuditChain.CanonicalBytes"/> makes, written field by field into one reused buffer — from values,
/// strings, or a database's own UTF-8 text as it comes — and their hash compared with a stored one without making a
/// string: verification's fast path (issue 16). Byte for byte the same as <see cref="AuditChain.CanonicalBytes"/>
/// (AuditCanonicalWriterTests).
/// </summary>
internal sealed class AuditCanonicalWriter
{
    private const byte Separator = 0x1f;
    private byte[] _buffer = new byte[1024];
    private int _length;
    private int _fields;

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>Where the last field written starts: the previous hash, once a record is complete.</summary>
    public int LastFieldStart { get; private set; }

    public void Start() => (_length, _fields, LastFieldStart) = (0, 0, 0);

    public void Sequence(long value)
    {
        var span = Field(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Id(Guid value)
    {
        var span = Field(36);
        value.TryFormat(span, out var written);
        _length += written;
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss.fffZ", the milliseconds cut as the format cuts them (not rounded).</summary>
    public void Time(DateTime value)
    {
        var span = Field(24);
        Digits(span[..4], value.Year);
        span[4] = (byte)'-';
        Digits(span.Slice(5, 2), value.Month);
        span[7] = (byte)'-';
        Digits(span.Slice(8, 2), value.Day);
        span[10] = (byte)'T';
        Digits(span.Slice(11, 2), value.Hour);
        span[13] = (byte)':';
        Digits(span.Slice(14, 2), value.Minute);
        span[16] = (byte)':';
        Digits(span.Slice(17, 2), value.Second);
        span[19] = (byte)'.';
        Digits(span.Slice(20, 3), value.Millisecond);
        span[23] = (byte)'Z';
        _length += 24;
    }

    /// <summary>A text field; null is written as nothing, as <see cref="AuditChain.CanonicalBytes"/> writes it.</summary>
    public void Text(string? value)
    {
        var span = Field(Encoding.UTF8.GetMaxByteCount(value?.Length ?? 0));
        _length += Encoding.UTF8.GetBytes(value.AsSpan(), span);
    }

    /// <summary>A text field already in UTF-8; the caller has checked that it is valid UTF-8 (else it goes through a string).</summary>
    public void Utf8(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Field(value.Length));
        _length += value.Length;
    }

    /// <summary>Whether the SHA-256 of the bytes, in lower-case hex, is exactly <paramref name="storedHash"/> (its UTF-8).</summary>
    public bool HashIs(ReadOnlySpan<byte> storedHash)
    {
        if (storedHash.Length != 64) return false;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Bytes, hash);
        for (var i = 0; i < 32; i++)
            if (storedHash[2 * i] != Hex[hash[i] >> 4] || storedHash[2 * i + 1] != Hex[hash[i] & 0xf]) return false;
        return true;
    }

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>Room for a field of at most <paramref name="maxBytes"/> after its separator.</summary>
    private Span<byte> Field(int maxBytes)
    {
        if (_length + maxBytes + 1 > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + maxBytes + 1));
        if (_fields++ > 0) _buffer[_length++] = Separator;
        LastFieldStart = _length;
        return _buffer.AsSpan(_length);
    }

    private static void Digits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--, value /= 10) span[i] = (byte)('0' + value % 10);
    }
}
